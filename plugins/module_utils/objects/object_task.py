# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_object: read the object, decide what differs, write only that.

Writes happen in one place (``_write``), which skips them in check mode; every decision before it
is the same in both modes, so check mode reports exactly what a real run would do.
"""
from __future__ import annotations

import datetime
import io
import os

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel
from ansible_collections.ibm.cos.plugins.module_utils.objects import attributes as attrs
from ansible_collections.ibm.cos.plugins.module_utils.objects import object_io as io_
from ansible_collections.ibm.cos.plugins.module_utils.objects.content_source import (
    content_differs, hinted_part_size, resolve_source, source_part_size)
from ansible_collections.ibm.cos.plugins.module_utils.objects.etag import local_file_matches
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import MIB, copy_config, transfer_config

COPY_IN_PLACE_LIMIT = 5 * 1024 * MIB  # CopyObject's single-request limit
PAST_TENSE = {"upload": "uploaded", "copy": "copied", "download": "downloaded", "delete": "deleted",
              "update": "updated", "set": "set", "add": "added", "remove": "removed"}


class ObjectTask:
    """One object's desired state. `conn` is the CosConnection; `unmasked` collects the values the
    result must show although they are secrets elsewhere (the access key ID in a presigned URL)."""

    def __init__(self, conn, params, check_mode=False, diff=False):
        self.conn = conn
        self.p = params
        self.check_mode = check_mode
        self.diff = diff
        self.unmasked = []
        self.bucket, self.key, self.version_id = self.p["bucket"], self.p["key"], self.p["version_id"]
        self.part_size = self.p["part_size_mb"] * MIB
        self.config = transfer_config(self.p["part_size_mb"], self.p["max_concurrency"])
        self.changed = False
        self.actions = []
        self.result = {"bucket": self.bucket, "key": self.key}
        self.before, self.after = {}, {}

    @property
    def s3(self):
        return self.conn.s3

    def _write(self, action, fn, *args, **kwargs):
        """Record a change and make it, unless in check mode.

        ``action`` is "<verb> <what>"; the result says "uploaded x", or in check mode "would upload x".
        """
        verb, _sep, what = action.partition(" ")
        self.changed = True
        self.actions.append(("would %s %s" if self.check_mode else "%s %s") % (
            verb if self.check_mode else PAST_TENSE[verb], what))
        if not self.check_mode:
            return fn(*args, **kwargs)
        return None

    def run(self):
        """Converge, download or presign as the task asks; the result dict for exit_json."""
        if self.p["state"] == "absent":
            self.delete()
        elif self.p["dest"]:
            self.download()
        elif self.p["presign"]:
            self.presign()
        else:
            self.present()
        self.result.update(changed=self.changed, actions=self.actions,
                           msg="; ".join(self.actions) if self.actions else "unchanged")
        if self.diff and (self.before or self.after):
            self.result["diff"] = {"before": self.before, "after": self.after,
                                   "before_header": "%s/%s" % (self.bucket, self.key),
                                   "after_header": "%s/%s" % (self.bucket, self.key)}
        return self.result

    # ---- state: absent -------------------------------------------------------------------------
    def delete(self):
        head = io_.head_object(self.s3, self.bucket, self.key, self.version_id)
        if head is None:
            return
        self.before = {"exists": True, "version_id": head.get("VersionId"), "etag": head.get("ETag", "").strip('"')}
        self.after = {"exists": False}
        extra = {"VersionId": self.version_id} if self.version_id else {}
        if self.p["bypass_governance_retention"]:
            extra["BypassGovernanceRetention"] = True
        response = self._write("delete " + ("version %s" % self.version_id if self.version_id else "object"),
                               self.s3.delete_object, Bucket=self.bucket, Key=self.key, **extra)
        if response:
            self.result["delete_marker"] = bool(response.get("DeleteMarker"))
            self.result["version_id"] = response.get("VersionId")

    # ---- dest: download --------------------------------------------------------------------------
    def download(self):
        dest = self.p["dest"]
        if os.path.isdir(dest):
            dest = os.path.join(dest, self.key.rstrip("/").rsplit("/", 1)[-1])
        self.result["dest"] = dest
        head = self._existing_head()
        self.result.update(etag=head.get("ETag", "").strip('"'), size=head["ContentLength"],
                           version_id=head.get("VersionId"))
        if os.path.exists(dest):
            overwrite = self.p["overwrite"]
            if overwrite == "never" or (overwrite == "different" and local_file_matches(
                    dest, os.path.getsize(dest), head["ContentLength"], head.get("ETag"), self.part_size,
                    head.get("Metadata"), self._hint(head))):
                return
        self.before = {"dest": dest, "exists": os.path.exists(dest)}
        self.after = {"dest": dest, "size": head["ContentLength"], "etag": self.result["etag"]}
        self._write("download to %s" % dest, io_.download_atomically, self.s3, self.bucket, self.key,
                    dest, self.version_id, self.config)

    def _existing_head(self):
        head = io_.head_object(self.s3, self.bucket, self.key, self.version_id)
        if head is None or head.get("DeleteMarker"):
            what = "version %s of object" % self.version_id if self.version_id else "object"
            raise CosError("%s %r does not exist in bucket %r" % (what, self.key, self.bucket))
        return head

    def _hint(self, head):
        return hinted_part_size(self.s3, self.bucket, self.key, self.version_id, head, self.part_size)

    # ---- presign ---------------------------------------------------------------------------------
    def presign(self):
        client = io_.hmac_client(self.conn.settings)
        method = self.p["presign"]
        params = {"Bucket": self.bucket, "Key": self.key}
        if self.version_id and method == "get":
            params["VersionId"] = self.version_id
        if method == "put" and self.p["content_type"]:
            params["ContentType"] = self.p["content_type"]
        expires = self.p["expires_in"]
        url = client.generate_presigned_url(method + "_object", Params=params, ExpiresIn=expires)
        # The URL carries the access key ID (never the secret); unmasked, or the URL is unusable.
        self.unmasked.append(self.conn.setting("hmac_access_key_id"))
        expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=expires)
        self.result.update(url=url, method=method.upper(), expires_in=expires,
                           expires_at=expiry.replace(microsecond=0).isoformat())

    # ---- state: present ------------------------------------------------------------------------
    def present(self):
        reads = {"head": lambda: io_.head_object(self.s3, self.bucket, self.key, self.version_id),
                 "source": lambda: resolve_source(self.p, self.s3)}
        if self.p["tags"] is not None:
            reads["tags"] = lambda: io_.object_tags(self.s3, self.bucket, self.key, self.version_id)
        found = run_parallel(reads)
        head, tags, source = found["head"], found.get("tags"), found["source"]
        if head is not None and head.get("DeleteMarker"):
            head = None
        self.before = attrs.attribute_view(head, tags) if head else {"exists": False}
        if source is None and head is None:
            raise CosError("object %r does not exist in bucket %r: give src, content, content_base64 or "
                           "copy_source to create it" % (self.key, self.bucket))
        if source is not None and content_differs(source, head, self.p["overwrite"], self.part_size,
                                                  lambda: self._hint(head)):
            if head is not None and tags is None:
                tags = io_.object_tags(self.s3, self.bucket, self.key)
            self._replace_content(source, head, tags)
        else:
            self._converge_attributes(head, tags)
        self._converge_protection(None if self.changed and source is not None else head)
        final = head
        if self.changed:
            final = None if self.check_mode else io_.head_object(self.s3, self.bucket, self.key)
        if final:
            self.result.update(etag=final.get("ETag", "").strip('"'), size=final.get("ContentLength"),
                               version_id=final.get("VersionId"), content_type=final.get("ContentType"),
                               metadata=final.get("Metadata", {}))

    def _replace_content(self, source, head, old_tags):
        final_tags = attrs.desired_tags(self.p["tags"], self.p["purge_tags"], old_tags or {})
        if final_tags is None:
            final_tags = old_tags or {}
        name = self.p["src"] or self.key
        if source.kind == "copy":
            spec = source.value
            args = attrs.upload_args(self.p, source.head, name)
            args["MetadataDirective"] = "REPLACE"
            copy_source = {"Bucket": spec["bucket"], "Key": spec["key"]}
            if spec.get("version_id"):
                copy_source["VersionId"] = spec["version_id"]
            config = copy_config(source.size, source_part_size(self.s3, source, self.part_size),
                                 self.p["max_concurrency"])
            self._write("copy from %s/%s" % (spec["bucket"], spec["key"]), self.s3.copy, copy_source,
                        self.bucket, self.key, ExtraArgs=args, Config=config)
            final_tags = attrs.desired_tags(self.p["tags"], self.p["purge_tags"], {}) or {}
        elif source.kind == "file":
            args = attrs.upload_args(self.p, head, name)
            self._write("upload %s" % source.value, self.s3.upload_file, source.value, self.bucket, self.key,
                        ExtraArgs=args, Config=self.config)
        else:
            args = attrs.upload_args(self.p, head, name)
            self._write("upload content", self.s3.upload_fileobj, io.BytesIO(source.value), self.bucket,
                        self.key, ExtraArgs=args, Config=self.config)
        if final_tags:
            self._write_quietly(io_.put_tags, self.s3, self.bucket, self.key, final_tags)
        self.after = dict(self.before, **{opt: args[api] for opt, api in attrs.HEADER_OPTIONS.items() if api in args})
        self.after.update(exists=True, size=source.size, metadata=args.get("Metadata", {}), content="new content")
        self.after.pop("etag", None)
        if final_tags or "tags" in self.before:
            self.after["tags"] = final_tags

    def _write_quietly(self, fn, *args, **kwargs):
        """A write that belongs to a change already recorded."""
        if not self.check_mode:
            fn(*args, **kwargs)

    def _converge_attributes(self, head, tags):
        header_changes = attrs.header_changes(attrs.desired_headers(self.p), head)
        desired_metadata = attrs.normalize_metadata(self.p["metadata"])
        self.after = dict(self.before)
        if header_changes or attrs.metadata_differs(desired_metadata, head):
            args = attrs.replace_args(self.p, head)
            source = {"Bucket": self.bucket, "Key": self.key}
            if head["ContentLength"] > COPY_IN_PLACE_LIMIT:
                self._write("update metadata", self.s3.copy, source, self.bucket, self.key,
                            ExtraArgs=args, Config=self.config)
            else:
                self._write("update metadata", self.s3.copy_object, CopySource=source, Bucket=self.bucket,
                            Key=self.key, **args)
            self.after.update({opt: args[api] for opt, api in attrs.HEADER_OPTIONS.items() if api in args})
            self.after["metadata"] = args["Metadata"]
        wanted = attrs.desired_tags(self.p["tags"], self.p["purge_tags"], tags or {})
        if wanted is not None and wanted != (tags or {}):
            self._write("update tags", io_.put_tags, self.s3, self.bucket, self.key, wanted)
            self.after["tags"] = wanted

    def _converge_protection(self, head):
        """Object Lock state comes with HeadObject; a freshly written object has none."""
        head = head or {}
        retention, hold = self.p["retention"], self.p["legal_hold"]
        if retention:
            current = None
            if head.get("ObjectLockMode"):
                current = {"Mode": head["ObjectLockMode"], "RetainUntilDate": head.get("ObjectLockRetainUntilDate")}
            wanted, error = attrs.retention_change(retention, current)
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
        if self.p["legal_hold_ids"] is not None:
            self._converge_legal_hold_ids(fresh=not head)

    def _converge_legal_hold_ids(self, fresh):
        """IBM legal holds (buckets with a retention policy): named holds, added and removed one by one."""
        current = set() if fresh and self.check_mode else set(io_.legal_hold_ids(self.s3, self.bucket, self.key))
        add, remove = attrs.legal_hold_id_changes(self.p["legal_hold_ids"], current, self.p["purge_legal_hold_ids"])
        for hold_id in add:
            self._write("add legal hold %s" % hold_id, self.s3.add_legal_hold, Bucket=self.bucket, Key=self.key,
                        RetentionLegalHoldId=hold_id)
        for hold_id in remove:
            self._write("remove legal hold %s" % hold_id, self.s3.delete_legal_hold, Bucket=self.bucket,
                        Key=self.key, RetentionLegalHoldId=hold_id)
        if add or remove:
            self.after["legal_hold_ids"] = sorted((current | set(add)) - set(remove))
            self.before["legal_hold_ids"] = sorted(current)
