# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cos_bucket resource: present (create, then converge settings) and absent (optionally emptied)."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._connection import CosConnection
from ansible_collections.ibm.cos.plugins.module_utils._errors import ConfigApiError, CosError, error_code

from .driver import Plan, reconcile
from .names import bucket_crn, validate_bucket_name
from .settings._base import SettingError

_MISSING = {"404", "NoSuchBucket", "NotFound"}
_DENIED = {"403", "AccessDenied"}


def bucket_headers(s3, bucket):
    """HeadBucket's response headers, with lowercase names (the IBM ones carry Key Protect)."""
    response = s3.head_bucket(Bucket=bucket)
    return {k.lower(): v for k, v in response.get("ResponseMetadata", {}).get("HTTPHeaders", {}).items()}


def not_empty_message(bucket, uploads=0):
    """Why DeleteBucket refused; `uploads` counts the unfinished multipart uploads found."""
    if uploads:
        # faq-bucket.md "How do I delete a non-empty bucket when I do not see any objects in it?"
        return (f"Bucket {bucket!r} is not empty: {uploads}{'+' if uploads >= 1000 else ''} unfinished "
                "multipart upload(s) keep it from being deleted (listings of objects do not show them). Set "
                "force: true to abort them (and delete any objects) with the bucket, or abort them yourself "
                "(AbortMultipartUpload, or a lifecycle rule with abort_incomplete_multipart_upload_days).")
    return (f"Bucket {bucket!r} is not empty (it holds objects, object versions, delete markers or "
            "unfinished multipart uploads). Set force: true to delete them with the bucket, or empty it first.")


class BucketAppeared(Exception):
    """CreateBucket found the name taken, and HeadBucket now sees the bucket here: converge it."""

    def __init__(self, head):
        super().__init__("bucket created concurrently")
        self.head = head


class CosBucket:
    """One bucket's desired state. `conn` is the CosConnection (settings, `.s3`, `.config_api`)."""

    def __init__(self, conn, params, check_mode=False):
        self.conn = conn
        self.params = params
        self.name = params["name"]
        self.check_mode = check_mode
        self.plan = self.constraint = None
        self.warnings = []

    def setting(self, name):
        """A connection setting from the task, else as the connection resolved it (env, file)."""
        return self.params.get(name) or self.conn.setting(name)

    def run(self):
        """Validate, then converge to the task's state; the result dict for exit_json."""
        try:
            self.validate()
            return self.present() if self.params["state"] == "present" else self.absent()
        except SettingError as exc:
            raise CosError(str(exc), name=self.name) from None

    def validate(self):
        """Everything that can be wrong with the task alone; raises before any call."""
        problem = validate_bucket_name(self.name)
        if problem:
            raise SettingError(problem)
        if self.params["state"] == "present":
            self.plan = Plan(dict(self.params, service_instance_id=self.setting("service_instance_id"),
                                  region=self.setting("region")))
            placement = self.plan.desired.get("location_constraint")
            if placement:  # without it the endpoint decides where a new bucket goes
                from .settings.location_constraint import creation_constraint

                # Checked now, though used only if the bucket has to be created.
                self.constraint = creation_constraint(placement, self.setting("region"), self.warnings)
            if any(f.api == "config" for f in self.plan.settings):
                # Fails now (HMAC keys cannot use it) rather than after the bucket is created.
                self.conn.require_config_api()
        return self

    def head(self):
        """HeadBucket's raw headers (lowercase names), or None when the bucket does not exist."""
        try:
            return bucket_headers(self.conn.s3, self.name)
        except Exception as exc:  # pylint: disable=broad-except
            if error_code(exc) in _MISSING:
                return None
            if error_code(exc) in _DENIED:
                self._explain_denied()
            raise

    def _explain_denied(self):
        """S3 said AccessDenied: when the bucket has a firewall, it is the likely cause; say how to repair.

        The firewall guards the S3 API; "users with the manager role can view and edit the list of
        allowed IP addresses from any network in order to prevent accidental lockouts" through the
        Resource Configuration API (cloud-object-storage docs, firewall.md), so a task that names only
        firewall (or other Resource Configuration settings) still reaches the bucket.
        """
        if not (self.conn.settings is not None and self.conn.settings.uses_iam):
            return
        try:
            firewall = (self.conn.config_api.get_bucket(self.name)[0] or {}).get("firewall") or {}
        except Exception:  # pylint: disable=broad-except
            return  # the original error stands
        if any(firewall.get(k) for k in ("allowed_ip", "denied_ip", "allowed_network_type")):
            raise CosError(
                f"access denied to bucket {self.name!r} over S3, most likely by its firewall "
                f"(allowed_ip {firewall.get('allowed_ip') or []}, denied_ip {firewall.get('denied_ip') or []}, "
                f"allowed_network_type {firewall.get('allowed_network_type') or []}), which does not "
                "admit this client's address or network. A task that names only firewall (and other "
                "Resource Configuration API settings) does not use S3 and can repair it, e.g. "
                "firewall: {} to remove it.", name=self.name, error_code="AccessDenied")

    def config_only(self):
        """True when every setting the task names lives in the Resource Configuration API.

        Such a task reads and writes through that API alone, and a GET answering 404 says the bucket
        does not exist, so no S3 call (which a firewall may block) is made for an existing bucket.
        """
        settings = self.plan.settings if self.plan else []
        return bool(settings) and all(f.api == "config" for f in settings)

    def _create(self):
        args = {"Bucket": self.name}
        constraint = self.constraint
        if constraint:
            args["CreateBucketConfiguration"] = {"LocationConstraint": constraint}
        root_key = self.plan.desired.get("key_protect_root_key_crn")
        if root_key:
            args["IBMSSEKPEncryptionAlgorithm"] = "AES256"
            args["IBMSSEKPCustomerRootKeyCrn"] = root_key
        if self.plan.desired.get("object_lock"):
            args["ObjectLockEnabledForBucket"] = True
        if not self.check_mode:
            try:
                self.conn.s3.create_bucket(**args)
            except Exception as exc:  # pylint: disable=broad-except
                if error_code(exc) in ("BucketAlreadyExists", "BucketAlreadyOwnedByYou"):
                    head = self.head()
                    if head is not None:  # another run created it since our HeadBucket
                        raise BucketAppeared(head) from None
                    self._explain_taken_name()
                raise
        return constraint

    def _explain_taken_name(self):
        """HeadBucket said 404 but the name is taken: if this instance owns it, it lives elsewhere.

        COS answers a bucket asked for through another location's endpoint as missing, so say where
        the bucket is rather than that someone else has the name.
        """
        args = {"Prefix": self.name}
        instance = self.setting("service_instance_id")
        if instance:
            args["IBMServiceInstanceId"] = instance
        try:
            listing = self.conn.s3.list_buckets_extended(**args)
        except Exception:  # pylint: disable=broad-except
            return  # the original error stands
        for bucket in listing.get("Buckets") or []:
            if bucket.get("Name") == self.name:
                raise SettingError(
                    f"Bucket {self.name!r} already exists in this service instance, at location constraint "
                    f"{bucket.get('LocationConstraint')!r}, which this endpoint does not serve (COS answers 404 "
                    "for it here). Point endpoint or region at the bucket's location.")

    def _result(self, changed, diff, **extra):
        result = {"changed": changed, "name": self.name, "diff": diff}
        result.update(extra)
        result["crn"] = result.get("crn") or bucket_crn(self.setting("service_instance_id"), self.name)
        if self.warnings:
            result["warnings"] = list(self.warnings)
        return result

    def _created_location(self, constraint):
        """Where the new bucket lives: the constraint sent, else the one the endpoint chose.

        COS reports it on GET /{bucket}?location (api-reference-buckets.md "List the location
        constraint for a bucket"); in check mode nothing exists yet, so it is derived from region (the endpoint
        gives a bucket created without a constraint its own location, standard class).
        """
        if constraint:
            return constraint
        if self.check_mode:
            region = self.setting("region")
            return f"{region}-standard" if region else None
        return self.conn.s3.get_bucket_location(Bucket=self.name).get("LocationConstraint") or None

    def _check_creatable(self):
        """A new bucket starts from each setting's fresh value: what a setting refuses to reach from
        there (Object Lock retention without object_lock, ...) is refused before CreateBucket."""
        params, wanted = self.plan.params, self.plan.desired
        if wanted.get("replication_rules") and not (wanted.get("versioning") or wanted.get("object_lock")):
            raise SettingError("replication_rules on a new bucket need versioning: true in the same task: a "
                               "new bucket is unversioned, and COS replicates only from versioned buckets")
        for facet in self.plan.settings:
            fresh = facet.fresh(params)
            facet.check_transition(fresh, facet.resolve(self.plan.desired[facet.name], fresh, params))

    def present(self):
        outcome = None
        if self.config_only():
            try:
                outcome = reconcile(self.conn, self.name, self.plan, check_mode=self.check_mode)
            except ConfigApiError as exc:
                if exc.status != 404:
                    raise
            head = None
        else:
            head = self.head()
        created = outcome is None and head is None
        location = None
        if created:
            self._check_creatable()
            try:
                location = self._created_location(self._create())
            except BucketAppeared as appeared:
                head, created = appeared.head, False
        if outcome is None:
            outcome = reconcile(self.conn, self.name, self.plan, check_mode=self.check_mode,
                                head=head, created=created)
        self.warnings.extend(outcome.warnings)
        placement = outcome.values.get("location_constraint")
        if placement and placement.get("location") and placement.get("storage_class"):
            location = f"{placement['location']}-{placement['storage_class']}"
        if created:
            diff = {"before": {"state": "absent"}, "after": dict({"state": "present"}, **outcome.values)}
        else:
            diff = {"before": outcome.before, "after": outcome.after}
        return self._result(created or outcome.changed, diff, created=created, location=location,
                            crn=outcome.crn, facets=outcome.values,
                            changed_facets=sorted(outcome.after) if not created else sorted(outcome.values))

    def absent(self):
        from .emptying import BucketNotEmptied, empty_bucket, is_empty  # deleting only

        if self.head() is None:
            return self._result(False, {"before": {"state": "absent"}, "after": {"state": "absent"}})
        diff = {"before": {"state": "present"}, "after": {"state": "absent"}}
        force = bool(self.params.get("force"))
        from .backup_guard import explain_refusal, refuse_if_protected  # deleting only

        refuse_if_protected(self.conn, self.name, "delete", self.warnings if force else None)
        if self.check_mode:
            if not force and not is_empty(self.conn.s3, self.name):
                raise SettingError(not_empty_message(self.name, self._count_uploads()))
            return self._result(True, diff)
        counts = {}
        if force:
            try:
                counts = empty_bucket(self.conn.s3, self.name)
            except BucketNotEmptied as exc:
                raise SettingError(str(exc)) from None
        try:
            self.conn.s3.delete_bucket(Bucket=self.name)
        except Exception as exc:  # pylint: disable=broad-except
            if error_code(exc) == "BucketNotEmpty":
                raise SettingError(not_empty_message(self.name, self._count_uploads())) from None
            explain_refusal(self.conn, self.name, "delete", exc)
            raise
        return self._result(True, diff, **counts)

    def _count_uploads(self):
        """How many unfinished multipart uploads the bucket holds (one page at most), 0 when unknown."""
        try:
            listing = self.conn.s3.list_multipart_uploads(Bucket=self.name, MaxUploads=1000)
        except Exception:  # pylint: disable=broad-except
            return 0
        objects = self.conn.s3.list_object_versions(Bucket=self.name, MaxKeys=1)
        if objects.get("Versions") or objects.get("DeleteMarkers"):
            return 0  # objects too: the general message fits
        return len(listing.get("Uploads") or [])


def task_problem(params, settings=None):
    """What COS would refuse in the task alone (name, settings), or None; makes no call."""
    try:
        CosBucket(CosConnection(settings), params).validate()
    except CosError as exc:
        return str(exc)
    return None
