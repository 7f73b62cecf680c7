# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Object Lock retention, legal hold and IBM legal holds of one object.

A new single-part object gets its retention and legal hold with the upload itself: PutObject takes
``x-amz-object-lock-mode``, ``-retain-until-date`` and ``-legal-hold`` (IBM docs:
api-reference-objects.md "Upload an object", "Optional headers"), so no unprotected object ever
exists. IBM documents no such headers on multipart uploads or copies (the "Initiate a multipart
upload" section lists none; terraform-provider-ibm's ibm_cos_bucket_object also sets them with
PutObjectRetention / PutObjectLegalHold after the upload): there they follow the write, and when
COS refuses them, the version just written is deleted again and the task fails saying so.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError, error_code
from ansible_collections.ibm.cos.plugins.module_utils._lock_mode import normalize_lock_mode
from ansible_collections.ibm.cos.plugins.module_utils.objects import attributes as attrs
from ansible_collections.ibm.cos.plugins.module_utils.objects import object_io as io_


def lock_upload_args(params):
    """PutObject members that set the task's retention and legal hold with the upload."""
    args = {}
    if params["retention"]:
        args["ObjectLockMode"] = normalize_lock_mode(params["retention"]["mode"], "retention.mode")
        args["ObjectLockRetainUntilDate"] = attrs.parse_instant(params["retention"]["retain_until"])
    if params["legal_hold"] is not None:
        args["ObjectLockLegalHoldStatus"] = "ON" if params["legal_hold"] else "OFF"
    return args


def lock_state(upload_args):
    """What HeadObject would report for an object uploaded with ``upload_args``."""
    return {"ObjectLockMode": upload_args.get("ObjectLockMode"),
            "ObjectLockRetainUntilDate": upload_args.get("ObjectLockRetainUntilDate"),
            "ObjectLockLegalHoldStatus": upload_args.get("ObjectLockLegalHoldStatus")}


class ProtectionMixin:
    """The protection half of ObjectTask (needs ``p``, ``s3``, ``bucket``, ``key``, ``_write``)."""

    def _converge_protection(self, head, written_version=False):
        """Object Lock state comes with HeadObject; a freshly written object has none.

        ``written_version`` (the VersionId, or True) says this run just wrote the object: a refused
        retention or legal hold then removes that version again, so nothing stays unprotected.
        """
        try:
            self._apply_lock(head or {})
        except Exception as exc:  # pylint: disable=broad-except
            if not written_version or self.check_mode:
                raise
            version = {"VersionId": written_version} if isinstance(written_version, str) else {}
            self.s3.delete_object(Bucket=self.bucket, Key=self.key, **version)
            raise CosError("COS refused the retention or legal hold of %r (%s); the object just written "
                           "without it was deleted again%s" % (self.key, exc, " (version %s)" % written_version
                                                               if version else "")) from None
        if self.p["legal_hold_ids"] is not None:
            self._converge_legal_hold_ids(fresh=not head)

    def _apply_lock(self, head):
        retention, hold = self.p["retention"], self.p["legal_hold"]
        if retention:
            current = None
            if head.get("ObjectLockMode"):
                current = {"Mode": head["ObjectLockMode"], "RetainUntilDate": head.get("ObjectLockRetainUntilDate")}
            wanted, error = attrs.retention_change(dict(retention, mode=normalize_lock_mode(retention["mode"], "retention.mode")), current)
            if error:
                raise CosError(error)
            if wanted:
                self._write("set %s retention until %s" % (wanted["Mode"].lower(), wanted["RetainUntilDate"].isoformat()),
                            self.s3.put_object_retention, Bucket=self.bucket, Key=self.key, Retention=wanted,
                            BypassGovernanceRetention=bool(self.p["bypass_governance_retention"]))
        status = attrs.legal_hold_change(hold, head.get("ObjectLockLegalHoldStatus"))
        if status:
            self._write("set legal hold %s" % status.lower(), self.s3.put_object_legal_hold,
                        Bucket=self.bucket, Key=self.key, LegalHold={"Status": status})

    def _converge_legal_hold_ids(self, fresh):
        """IBM legal holds (buckets with a retention policy): named holds, added and removed one by one."""
        current = set()
        if not (fresh and self.check_mode):
            current = set(self._call_holds(io_.legal_hold_ids, self.s3, self.bucket, self.key))
        add, remove = attrs.legal_hold_id_changes(self.p["legal_hold_ids"], current, self.p["purge_legal_hold_ids"])
        for hold_id in add:
            self._write("add legal hold %s" % hold_id, self._call_holds, self.s3.add_legal_hold, Bucket=self.bucket,
                        Key=self.key, RetentionLegalHoldId=hold_id)
        for hold_id in remove:
            self._write("remove legal hold %s" % hold_id, self._call_holds, self.s3.delete_legal_hold,
                        Bucket=self.bucket, Key=self.key, RetentionLegalHoldId=hold_id)
        if add or remove:
            self.after["legal_hold_ids"] = sorted((current | set(add)) - set(remove))
            self.before["legal_hold_ids"] = sorted(current)

    def _call_holds(self, fn, *args, **kwargs):
        """A legal-hold call whose refusals say what they mean (immutable.md, "Add or remove a legal
        hold" and "List legal holds on an object": 409 duplicate ID, 400/404 no retention period)."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # pylint: disable=broad-except
            status = str(((getattr(exc, "response", None) or {}).get("ResponseMetadata") or {}).get("HTTPStatusCode", ""))
            hold_id = kwargs.get("RetentionLegalHoldId")
            if status == "409" or error_code(exc) == "409":
                raise CosError("legal hold %r is already on object %r (COS refuses a duplicate hold ID)"
                               % (hold_id, self.key)) from None
            if status in ("400", "404") and error_code(exc) not in ("NoSuchKey", "NoSuchBucket"):
                raise CosError("object %r has no retention period, so it cannot take IBM legal holds "
                               "(legal_hold_ids): give bucket %r a retention policy (ibm.cos.cos_bucket retention) "
                               "before writing the object; COS said: %s" % (self.key, self.bucket, exc)) from None
            raise
