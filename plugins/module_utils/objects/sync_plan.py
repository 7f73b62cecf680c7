# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sync planning: which files to upload, which objects to delete, which to leave alone (pure).

Paths are compared as POSIX paths relative to the synced directory, and keys as the prefix plus
that relative path.
"""
from __future__ import annotations

import fnmatch
import os
from collections import namedtuple

LocalFile = namedtuple("LocalFile", "relpath path size")
RemoteObject = namedtuple("RemoteObject", "key size etag")
SyncPlan = namedtuple("SyncPlan", "new changed unchanged delete")


class PathFilter:
    """Include / exclude globs; a path is taken when it matches an include (or there are none)
    and no exclude.

    A pattern without ``/`` matches the file name at any depth (``*.tmp``); a pattern with ``/``
    matches the whole relative path, and its ``*`` also crosses ``/`` (``logs/*``, ``*/cache/*``).
    """

    def __init__(self, include=None, exclude=None):
        self.include = list(include or [])
        self.exclude = list(exclude or [])

    @staticmethod
    def _matches(relpath, pattern):
        pattern = pattern.lstrip("/")
        if "/" in pattern:
            return fnmatch.fnmatchcase(relpath, pattern)
        return fnmatch.fnmatchcase(relpath.rsplit("/", 1)[-1], pattern)

    def __call__(self, relpath):
        if self.include and not any(self._matches(relpath, p) for p in self.include):
            return False
        return not any(self._matches(relpath, p) for p in self.exclude)


def normalize_prefix(prefix):
    """``"site"`` and ``"site/"`` both mean the folder ``site/``; ``""`` is the bucket root."""
    prefix = (prefix or "").lstrip("/")
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    return prefix


def key_for(prefix, relpath):
    return normalize_prefix(prefix) + relpath


def relpath_for(prefix, key):
    """The relative path a key maps to, or None when the key lies outside the prefix."""
    prefix = normalize_prefix(prefix)
    if not key.startswith(prefix) or key.endswith("/"):
        return None
    return key[len(prefix):]


def walk_local(root, path_filter, follow_symlinks=False):
    """{relpath: LocalFile} for the regular files under ``root`` that pass the filter."""
    files = {}
    for directory, dirnames, filenames in os.walk(root, followlinks=follow_symlinks):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(directory, name)
            if not follow_symlinks and os.path.islink(path):
                continue
            if not os.path.isfile(path):
                continue
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if path_filter(rel):
                files[rel] = LocalFile(rel, path, os.path.getsize(path))
    return files


def plan_sync(local_files, remote_objects, prefix, same_content, delete=False, path_filter=None):
    """Decide the transfers.

    ``local_files``: {relpath: LocalFile}; ``remote_objects``: {key: RemoteObject} under the prefix;
    ``same_content(local_file, remote_object) -> bool`` is asked only when the sizes agree.
    Remote extras are deleted only with ``delete`` and only when the filter would have taken
    them, so excluded objects are never touched.
    """
    path_filter = path_filter or PathFilter()
    new, changed, unchanged, doomed = [], [], [], []
    for rel in sorted(local_files):
        local = local_files[rel]
        remote = remote_objects.get(key_for(prefix, rel))
        if remote is None:
            new.append(local)
        elif remote.size != local.size or not same_content(local, remote):
            changed.append(local)
        else:
            unchanged.append(local)
    if delete:
        wanted = {key_for(prefix, rel) for rel in local_files}
        for key in sorted(remote_objects):
            rel = relpath_for(prefix, key)
            if key not in wanted and rel is not None and path_filter(rel):
                doomed.append(remote_objects[key])
    return SyncPlan(new, changed, unchanged, doomed)
