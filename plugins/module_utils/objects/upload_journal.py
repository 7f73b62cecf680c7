# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Multipart uploads a killed run left behind, found and aborted by the next run of the same task.

COS keeps an unfinished multipart upload, and bills its parts, until it is completed or aborted
(ibm-cloud-docs/cloud-object-storage abort-mpu.md: "These incomplete uploads do not appear in the
console, but the uploaded parts continue to accrue usage"). An upload's ID is written to a small
journal on the host the module runs on the moment COS hands it out, and removed when the task ends;
a run that finds IDs left in the journal for its key aborts those uploads (ListMultipartUploads with
the key as prefix, then AbortMultipartUpload) and no other: uploads of other tools, or of other
runs still going, are left alone. A bucket lifecycle rule with AbortIncompleteMultipartUpload
cleans up what no rerun comes for.

Journal: one 0600 JSON file per endpoint, bucket and key (named by a sha256 of them) under
``$IBM_COS_TOKEN_CACHE_DIR/uploads`` (default ``~/.cache/ibm.cos/uploads``). It holds upload IDs
only, no secret.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading

from ansible_collections.ibm.cos.plugins.module_utils._token_cache import cache_dir

_LOCK = threading.Lock()


class UploadJournal:
    """The journal of one object's uploads (``bucket``, ``key``) through one client."""

    def __init__(self, s3, bucket, key, environ=None):
        self.s3, self.bucket, self.key = s3, bucket, key
        self.directory = os.path.join(cache_dir(os.environ if environ is None else environ), "uploads")
        self.started = []  # (bucket, key, upload_id) this run recorded
        self._handler_id = "ibm-cos-upload-journal-%d" % id(self)

    def _path(self, bucket, key):
        name = hashlib.sha256("\n".join((self.s3.meta.endpoint_url, bucket, key)).encode("utf-8")).hexdigest()
        return os.path.join(self.directory, name + ".json")

    def _read(self, bucket, key):
        try:
            with open(self._path(bucket, key), encoding="utf-8") as handle:
                return list(json.load(handle).get("upload_ids", []))
        except (OSError, ValueError, AttributeError):
            return []

    def _write(self, bucket, key, upload_ids):
        path = self._path(bucket, key)
        if not upload_ids:
            if os.path.exists(path):
                os.unlink(path)
            return
        os.makedirs(self.directory, mode=0o700, exist_ok=True)
        temp = path + ".%d.tmp" % os.getpid()
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"bucket": bucket, "key": key, "upload_ids": upload_ids}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)

    def watch(self):
        """Record every upload this client starts, before its first part goes up."""
        self.s3.meta.events.register("after-call.s3.CreateMultipartUpload", self._record,
                                     unique_id=self._handler_id)

    def _record(self, parsed, **_kwargs):
        bucket, key, upload_id = parsed.get("Bucket"), parsed.get("Key"), parsed.get("UploadId")
        if (bucket, key) != (self.bucket, self.key) or not upload_id:
            return
        with _LOCK:
            self._write(bucket, key, self._read(bucket, key) + [upload_id])
            self.started.append((bucket, key, upload_id))

    def finish(self):
        """Forget this run's uploads: completed, or aborted by the SDK after an error it saw."""
        self.s3.meta.events.unregister("after-call.s3.CreateMultipartUpload", unique_id=self._handler_id)
        with _LOCK:
            for bucket, key, upload_id in self.started:
                self._write(bucket, key, [u for u in self._read(bucket, key) if u != upload_id])
            self.started = []

    def leftovers(self):
        """IDs of this key's uploads that an earlier run recorded and COS still holds."""
        bucket, key = self.bucket, self.key
        recorded = self._read(bucket, key)
        if not recorded:
            return []
        live = set()
        request = {"Bucket": bucket, "Prefix": key}
        while True:
            page = self.s3.list_multipart_uploads(**request)
            live.update(u["UploadId"] for u in page.get("Uploads", []) if u.get("Key") == key)
            if not page.get("IsTruncated"):
                break
            request.update(KeyMarker=page.get("NextKeyMarker"), UploadIdMarker=page.get("NextUploadIdMarker"))
        stale = [u for u in recorded if u in live]
        if len(stale) != len(recorded):
            with _LOCK:
                self._write(bucket, key, [u for u in self._read(bucket, key) if u in live])
        return stale

    def abort(self, upload_id):
        """Abort an upload an earlier run left, and forget it."""
        self.s3.abort_multipart_upload(Bucket=self.bucket, Key=self.key, UploadId=upload_id)
        with _LOCK:
            self._write(self.bucket, self.key, [u for u in self._read(self.bucket, self.key) if u != upload_id])
