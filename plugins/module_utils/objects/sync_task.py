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
from ansible_collections.ibm.cos.plugins.module_utils.objects import sync_pull
from ansible_collections.ibm.cos.plugins.module_utils.objects.sync_plan import (
    LocalFile, PathFilter, RemoteObject, SymlinkLoop, content_test, key_for, normalize_prefix, plan_sync,
    walk_local)
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import (
    MIB, send_small_bodies_at_once, transfer_config, transfer_each)


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
        if self.p["direction"] == "pull":
            return self._pull()
        src = self.p["src"]
        if os.path.isfile(src):
            # One file: the key is the prefix plus its name, as for a file at the top of a directory.
            name = os.path.basename(src)
            stat = os.stat(src)
            local = {name: LocalFile(name, src, stat.st_size, stat.st_mtime)}
            listing_prefix, wanted = self.prefix + name, {self.prefix + name}
        elif os.path.isdir(src):
            local = self._walk(src)
            listing_prefix, wanted = self.prefix, None
        else:
            raise CosError("src %r is neither a file nor a directory" % src)
        remote = self._list(listing_prefix, wanted)
        same = content_test(self.p["strategy"], self._same_content)
        # A single file never deletes: the prefix is not its directory.
        plan = plan_sync(local, remote, self.prefix, same, self.p["delete"] and wanted is None, self.path_filter)
        uploads = plan.new + plan.changed
        if not self.check_mode:
            self._upload(uploads)
            self._delete([o.key for o in plan.delete])
        return self._result(
            [key_for(self.prefix, f.relpath) for f in plan.new], [key_for(self.prefix, f.relpath) for f in plan.changed],
            [o.key for o in plan.delete], [key_for(self.prefix, f.relpath) for f in plan.unchanged],
            bytes_uploaded=sum(f.size for f in uploads))

    def _pull(self):
        root = self.p["src"]
        if os.path.exists(root) and not os.path.isdir(root):
            raise CosError("src %r must be a directory to pull into" % root)
        local = self._walk(root, skip_name=sync_pull.is_temp) if os.path.isdir(root) else {}
        remote = self._list(self.prefix)
        same = content_test(self.p["strategy"], self._same_content, pull=True)
        plan, rels = sync_pull.plan_pull(remote, local, self.prefix, same, self.p["delete"], self.path_filter)
        downloads = plan.new + plan.changed
        if not self.check_mode:
            if os.path.isdir(root):
                sync_pull.remove_stale_temps(root)
            if downloads:
                sync_pull.download_all(self.conn.s3, self.bucket, root, [(o, rels[o.key]) for o in downloads],
                                       self.config)
            for doomed in plan.delete:
                os.unlink(doomed.path)
        return self._result(
            [rels[o.key] for o in plan.new], [rels[o.key] for o in plan.changed],
            [f.relpath for f in plan.delete], [rels[o.key] for o in plan.unchanged],
            bytes_downloaded=sum(o.size for o in downloads))

    def _walk(self, root, skip_name=None):
        try:
            return walk_local(root, self.path_filter, self.p["follow_symlinks"], skip_name)
        except SymlinkLoop as loop:
            raise CosError("symbolic link %s leads back to a directory above it (a loop); nothing was "
                           "transferred. Remove the link, exclude it, or set follow_symlinks=false" % loop.link)

    def _list(self, prefix, wanted=None):
        objects = io_.list_objects(self.conn.s3, self.bucket, prefix=prefix)[0]
        return {o["Key"]: RemoteObject(o["Key"], o["Size"], o.get("ETag"),
                                       o["LastModified"].timestamp() if o.get("LastModified") else None)
                for o in objects if wanted is None or o["Key"] in wanted}

    def _result(self, new, updated, deleted, unchanged, **counts):
        """Push: keys; pull: paths relative to src."""
        changed = bool(new or updated or deleted)
        transferred = new + updated
        result = dict(changed=changed, bucket=self.bucket, prefix=self.prefix, direction=self.p["direction"],
                      uploaded=transferred if self.p["direction"] == "push" else [],
                      downloaded=transferred if self.p["direction"] == "pull" else [],
                      new=new, updated=updated, deleted=deleted, unchanged=unchanged,
                      bytes_uploaded=counts.get("bytes_uploaded", 0),
                      bytes_downloaded=counts.get("bytes_downloaded", 0))
        if self.diff and changed:
            lines = ["+ %s" % k for k in new] + ["~ %s" % k for k in updated] + ["- %s" % k for k in deleted]
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

        send_small_bodies_at_once(self.conn.s3)
        with create_transfer_manager(self.conn.s3, self.config) as manager:
            failures = transfer_each(
                files,
                lambda f: manager.upload(f.path, self.bucket, key_for(self.prefix, f.relpath),
                                         extra_args=self._extra_args(f)),
                lambda _f, future: future.result())
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
