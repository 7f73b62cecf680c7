# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_sync: list both sides once, plan (pure, sync_plan.py), then transfer only the plan."""
from __future__ import annotations

import os

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils.objects import object_io as io_
from ansible_collections.ibm.cos.plugins.module_utils.objects.attributes import (
    DEFAULT_CONTENT_TYPE, guess_content_type, normalize_metadata)
from ansible_collections.ibm.cos.plugins.module_utils.objects.etag import local_file_matches
from ansible_collections.ibm.cos.plugins.module_utils.objects.batch_delete import batches, delete_batch
from ansible_collections.ibm.cos.plugins.module_utils.objects.sync_plan import (
    PathFilter, RemoteObject, key_for, normalize_prefix, plan_sync, walk_local)
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import MIB, transfer_config


class SyncTask:
    """A directory's files made the objects under a prefix. `conn` is the CosConnection."""

    def __init__(self, conn, params, check_mode=False, diff=False):
        self.conn = conn
        self.p = params
        self.check_mode = check_mode
        self.diff = diff
        self.bucket = self.p["bucket"]
        self.prefix = normalize_prefix(self.p["prefix"])
        self.part_size = self.p["part_size_mb"] * MIB
        self.config = transfer_config(self.p["part_size_mb"], self.p["max_concurrency"])
        self.path_filter = PathFilter(self.p["include"], self.p["exclude"])
        self.content_types = {("" if ext.startswith(".") else ".") + ext.lower(): value
                              for ext, value in (self.p["content_types"] or {}).items()}

    def run(self):
        """Plan and transfer; the result dict for exit_json."""
        src = self.p["src"]
        if not os.path.isdir(src):
            raise CosError("src %r is not a directory" % src)
        local = walk_local(src, self.path_filter, self.p["follow_symlinks"])
        objects = io_.list_objects(self.conn.s3, self.bucket, prefix=self.prefix)[0]
        remote = {o["Key"]: RemoteObject(o["Key"], o["Size"], o.get("ETag")) for o in objects}
        plan = plan_sync(local, remote, self.prefix, self._same_content, self.p["delete"], self.path_filter)
        uploads = plan.new + plan.changed
        if not self.check_mode:
            self._upload(uploads)
            self._delete([o.key for o in plan.delete])
        changed = bool(uploads or plan.delete)
        result = dict(
            changed=changed, bucket=self.bucket, prefix=self.prefix,
            uploaded=[key_for(self.prefix, f.relpath) for f in uploads],
            new=[key_for(self.prefix, f.relpath) for f in plan.new],
            updated=[key_for(self.prefix, f.relpath) for f in plan.changed],
            deleted=[o.key for o in plan.delete],
            unchanged=[key_for(self.prefix, f.relpath) for f in plan.unchanged],
            bytes_uploaded=sum(f.size for f in uploads),
        )
        if self.diff and changed:
            lines = ["+ %s" % k for k in result["new"]] + ["~ %s" % k for k in result["updated"]] + \
                    ["- %s" % k for k in result["deleted"]]
            result["diff"] = {"prepared": "\n".join(lines) + "\n"}
        return result

    def _same_content(self, local, remote):
        return local_file_matches(local.path, local.size, remote.size, remote.etag, self.part_size)

    def _extra_args(self, local):
        args = {"ContentType": self.content_types.get(os.path.splitext(local.relpath)[1].lower())
                or guess_content_type(local.relpath) or DEFAULT_CONTENT_TYPE}
        if self.p["cache_control"]:
            args["CacheControl"] = self.p["cache_control"]
        metadata = normalize_metadata(self.p["metadata"])
        if metadata:
            args["Metadata"] = metadata
        return args

    def _upload(self, files):
        """All uploads through one transfer manager: max_concurrency requests in flight in total,
        small files and the parts of large ones alike."""
        if not files:
            return
        from ibm_boto3.s3.transfer import create_transfer_manager

        failures = []
        with create_transfer_manager(self.conn.s3, self.config) as manager:
            futures = [(f, manager.upload(f.path, self.bucket, key_for(self.prefix, f.relpath),
                                          extra_args=self._extra_args(f))) for f in files]
            for local, future in futures:
                try:
                    future.result()
                except Exception as exc:  # pylint: disable=broad-except
                    failures.append((local, exc))
        if failures:
            local, exc = failures[0]
            raise CosError("%d of %d uploads failed; first: %s -> %s: %s" % (
                len(failures), len(files), local.path, key_for(self.prefix, local.relpath), exc))

    def _delete(self, keys):
        for batch in batches([{"Key": k} for k in keys]):
            errors = delete_batch(self.conn.s3, self.bucket, batch)
            if errors:
                raise CosError("%d deletes failed; first: %s: %s %s" % (
                    len(errors), errors[0].get("Key"), errors[0].get("Code"), errors[0].get("Message")))
