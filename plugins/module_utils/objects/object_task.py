# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_object: read the object, decide what differs, write only that.

Writes happen in one place (``_write``), which skips them in check mode; every decision before it
is the same in both modes, so check mode reports exactly what a real run would do.
"""
from __future__ import annotations

import base64
import datetime
import io
import os

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel
from ansible_collections.ibm.cos.plugins.module_utils.objects import attributes as attrs
from ansible_collections.ibm.cos.plugins.module_utils.objects import object_io as io_
from ansible_collections.ibm.cos.plugins.module_utils.objects.content_source import (
    content_differs, content_source_of, hinted_part_size, resolve_source, source_part_size)
from ansible_collections.ibm.cos.plugins.module_utils.objects.etag import etag_part_count, local_file_matches
from ansible_collections.ibm.cos.plugins.module_utils.objects.prefix_copy import copy_prefix
from ansible_collections.ibm.cos.plugins.module_utils.objects.protection import (
    ProtectionMixin, lock_state, lock_upload_args)
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import (
    MIB, copy_config, transfer_config, uses_multipart)
from ansible_collections.ibm.cos.plugins.module_utils.objects.upload_journal import UploadJournal

COPY_IN_PLACE_LIMIT = 5 * 1024 * MIB  # CopyObject's single-request limit
PAST_TENSE = {"abort": "aborted", "upload": "uploaded", "copy": "copied", "download": "downloaded", "delete": "deleted",
              "update": "updated", "set": "set", "add": "added", "remove": "removed"}


class ObjectTask(ProtectionMixin):
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
        if (self.p["copy_source"] or {}).get("prefix") is not None:
            return copy_prefix(ObjectTask, self.conn, self.p, self.check_mode, self.diff)
        if self.p["state"] == "absent":
            self.delete()
        elif self.p["dest"]:
            self.download()
        elif self.p["presign"]:
            self.presign()
        elif self.p["return_content"]:
            self.read_content()
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
            stale = overwrite == "latest" and head.get("LastModified") is not None and \
                head["LastModified"].timestamp() <= os.path.getmtime(dest)
            if overwrite == "never" or stale or (overwrite in ("different", "latest") and local_file_matches(
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

    # ---- return_content: read into a variable -------------------------------------------------------
    def read_content(self):
        head = self._existing_head()
        limit = self.p["max_content_bytes"]
        if head["ContentLength"] > limit:
            raise CosError("object %r is %d bytes, more than max_content_bytes (%d): raise max_content_bytes or "
                           "download it with dest" % (self.key, head["ContentLength"], limit))
        self.result.update(etag=head.get("ETag", "").strip('"'), size=head["ContentLength"],
                           version_id=head.get("VersionId"), content_type=head.get("ContentType"),
                           metadata=head.get("Metadata", {}))
        data = io_.read_object(self.s3, self.bucket, self.key, self.version_id)
        try:
            self.result["content"] = data.decode("utf-8")
        except UnicodeDecodeError:
            self.result["content_base64"] = base64.b64encode(data).decode("ascii")

    # ---- state: present ------------------------------------------------------------------------
    def present(self):
        journal = UploadJournal(self.s3, self.bucket, self.key)
        for upload_id in journal.leftovers():
            self._write("abort unfinished upload %s" % upload_id, journal.abort, upload_id)
        journal.watch()
        try:
            self._present()
        finally:
            journal.finish()

    def _present(self):
        if self.p["website_redirect_location"] is not None:
            io_.send_copy_redirect_as_header(self.s3)
        reads = {"head": lambda: io_.head_object(self.s3, self.bucket, self.key, self.version_id),
                 "source": lambda: resolve_source(self.p, self.s3),
                 "tags": lambda: io_.object_tags(self.s3, self.bucket, self.key, self.version_id)}
        if self.p["acl"] is not None:
            reads["acl"] = lambda: io_.canned_acl(self.s3, self.bucket, self.key)
        found = run_parallel(reads)
        head, tags, source = found["head"], found.get("tags"), found["source"]
        if head is not None and head.get("DeleteMarker"):
            head, tags = None, None
        self.before = attrs.attribute_view(head, tags, found.get("acl")) if head else {"exists": False}
        if source is None and head is None:
            raise CosError("object %r does not exist in bucket %r: give src, content, content_base64 or "
                           "copy_source to create it" % (self.key, self.bucket))
        self.final_tags = tags or {}
        written = False
        if source is not None and content_differs(source, head, self.p["overwrite"], self.part_size,
                                                  lambda: self._hint(head)):
            lock = self._replace_content(source, head, tags)
            written = True
        else:
            lock = head
            self._converge_attributes(head, tags, found.get("acl"))
        final = head
        if self.changed and not self.check_mode:
            final = io_.head_object(self.s3, self.bucket, self.key)
        elif self.changed:
            final = None
        self._converge_protection(lock, written_version=written and ((final or {}).get("VersionId") or True))
        if final:
            self.result.update(etag=final.get("ETag", "").strip('"'), size=final.get("ContentLength"),
                               version_id=final.get("VersionId"), content_type=final.get("ContentType"),
                               metadata=final.get("Metadata", {}))
        self.result["tags"] = dict(self.final_tags)

    def _replace_content(self, source, head, old_tags):
        """Write the content; returns the Object Lock state the new object already has."""
        final_tags = attrs.desired_tags(self.p["tags"], self.p["purge_tags"], old_tags or {})
        if final_tags is None:
            final_tags = old_tags or {}
        name = self.p["src"] or self.key
        lock = {}
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
        else:
            args = attrs.upload_args(self.p, head, name)
            if not uses_multipart(source.size, self.part_size):
                args.update(lock_upload_args(self.p))
                lock = lock_state(args)
            if source.kind == "file":
                self._write("upload %s" % source.value, self.s3.upload_file, source.value, self.bucket, self.key,
                            ExtraArgs=args, Config=self.config)
            else:
                self._write("upload content", self.s3.upload_fileobj, io.BytesIO(source.value), self.bucket,
                            self.key, ExtraArgs=args, Config=self.config)
        if final_tags:
            self._write_quietly(io_.put_tags, self.s3, self.bucket, self.key, final_tags)
        self.final_tags = final_tags
        self.after = dict(self.before, **{opt: args[api] for opt, api in attrs.HEADER_OPTIONS.items() if api in args})
        self.after.update(exists=True, size=source.size, metadata=args.get("Metadata", {}), content="new content")
        self.after.pop("etag", None)
        if "ACL" in args:
            self.after["acl"] = args["ACL"]
        if final_tags or "tags" in self.before:
            self.after["tags"] = final_tags
        return lock

    def _write_quietly(self, fn, *args, **kwargs):
        """A write that belongs to a change already recorded."""
        if not self.check_mode:
            fn(*args, **kwargs)

    def _converge_attributes(self, head, tags, acl):
        header_changes = attrs.header_changes(attrs.desired_headers(self.p), head)
        desired_metadata = attrs.normalize_metadata(self.p["metadata"])
        self.after = dict(self.before)
        if header_changes or attrs.metadata_differs(desired_metadata, head):
            args = attrs.replace_args(self.p, head)
            source = {"Bucket": self.bucket, "Key": self.key}
            parts = etag_part_count(head.get("ETag"))
            if parts or head["ContentLength"] > COPY_IN_PLACE_LIMIT:
                # Part for part at the object's own part size: COS then gives the object the same
                # multipart ETag again, so a copy made from a multipart source stays recognisably
                # the same bytes (one CopyObject would turn the ETag into a whole-object MD5).
                part_size = self._hint(head) or source_part_size(
                    self.s3, content_source_of(self.bucket, self.key, head), self.part_size)
                config = copy_config(head["ContentLength"], part_size, self.p["max_concurrency"])
                self._write("update metadata", self.s3.copy, source, self.bucket, self.key,
                            ExtraArgs=args, Config=config)
            else:
                self._write("update metadata", self.s3.copy_object, CopySource=source, Bucket=self.bucket,
                            Key=self.key, **args)
            self.after.update({opt: args[api] for opt, api in attrs.HEADER_OPTIONS.items() if api in args})
            self.after["metadata"] = args["Metadata"]
        wanted = attrs.desired_tags(self.p["tags"], self.p["purge_tags"], tags or {})
        if wanted is not None and wanted != (tags or {}):
            self._write("update tags", io_.put_tags, self.s3, self.bucket, self.key, wanted)
            self.after["tags"] = wanted
            self.final_tags = wanted
        if self.p["acl"] is not None and self.p["acl"] != acl:
            self._write("set acl %s" % self.p["acl"], self.s3.put_object_acl, Bucket=self.bucket, Key=self.key,
                        ACL=self.p["acl"])
            self.after["acl"] = self.p["acl"]
