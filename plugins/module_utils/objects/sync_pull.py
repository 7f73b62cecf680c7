# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_sync direction=pull: the objects under a prefix made the files of a local directory.

Each download goes to a hidden temporary file beside its target and is renamed over it only when
complete, so a run that is killed leaves the old file or none, never a partial one; the leftovers
(``TEMP_SUFFIX``) are not synced and are removed by the next run. The file's modification time is
set to the object's LastModified, so strategy size_mtime finds it unchanged next time.
"""
from __future__ import annotations

import os
import posixpath
import tempfile

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils.objects.sync_plan import SyncPlan, change_kind, relpath_for
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import transfer_each

TEMP_SUFFIX = ".cos-sync-part"


def is_temp(name):
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def safe_relpath(prefix, key):
    """The relative path a key maps to locally; None outside the prefix; CosError when it would
    leave the directory (``..``, empty segments)."""
    rel = relpath_for(prefix, key)
    if rel is None:
        return None
    parts = rel.split("/")
    if rel.startswith("/") or any(part in ("", ".", "..") for part in parts) or posixpath.normpath(rel) != rel:
        raise CosError("key %r cannot be a file under the local directory (empty, '.' or '..' segment); "
                       "nothing was downloaded" % key)
    return rel


def plan_pull(remote_objects, local_files, prefix, same_content, delete=False, path_filter=None):
    """Decide the downloads: (SyncPlan of remote objects to fetch and local files to delete, {key: rel}).

    ``remote_objects``: {key: RemoteObject}; ``local_files``: {relpath: LocalFile}. Local files the
    filter leaves out are never deleted.
    """
    kinds, doomed, rels = {"new": [], "changed": [], "unchanged": []}, [], {}
    for key in sorted(remote_objects):
        rel = safe_relpath(prefix, key)
        if rel is None or (path_filter and not path_filter(rel)):
            continue
        remote, local = remote_objects[key], local_files.get(rel)
        rels[key] = rel
        kinds[change_kind(local, remote, same_content)].append(remote)
    if delete:
        wanted = set(rels.values())
        doomed = [local_files[rel] for rel in sorted(local_files)
                  if rel not in wanted and (path_filter is None or path_filter(rel))]
    return SyncPlan(kinds["new"], kinds["changed"], kinds["unchanged"], doomed), rels


def download_all(s3, bucket, root, items, config):
    """Download (RemoteObject, relpath) pairs through one transfer manager; each atomically."""
    from ibm_boto3.s3.transfer import create_transfer_manager

    temps = set()  # made and not yet renamed into place: removed whatever happens

    def submit(item):
        remote, rel = item
        target = os.path.join(root, *rel.split("/"))
        if os.path.isdir(target):
            raise CosError("cannot download %s: %s is a directory" % (remote.key, target))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=os.path.dirname(target),
                                        prefix="." + os.path.basename(target) + ".", suffix=TEMP_SUFFIX)
        os.close(handle)
        temps.add(temp)
        return target, temp, manager.download(bucket, remote.key, temp)

    def finish(item, ticket):
        remote, _rel = item
        target, temp, future = ticket
        future.result()
        if remote.last_modified is not None:
            os.utime(temp, (remote.last_modified, remote.last_modified))
        os.replace(temp, target)
        temps.discard(temp)

    try:
        with create_transfer_manager(s3, config) as manager:
            failures = [(item[0], exc) for item, exc in transfer_each(items, submit, finish)]
    finally:
        for temp in temps:
            if os.path.exists(temp):
                os.unlink(temp)
    if failures:
        remote, exc = failures[0]
        raise CosError("%d of %d downloads failed; first: %s: %s" % (len(failures), len(items), remote.key, exc))


def remove_stale_temps(root):
    """Temporary files a killed run left behind."""
    for directory, _dirs, names in os.walk(root):
        for name in names:
            if is_temp(name):
                os.unlink(os.path.join(directory, name))
