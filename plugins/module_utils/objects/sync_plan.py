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

LocalFile = namedtuple("LocalFile", "relpath path size mtime", defaults=(None,))
RemoteObject = namedtuple("RemoteObject", "key size etag last_modified", defaults=(None,))
SyncPlan = namedtuple("SyncPlan", "new changed unchanged delete")
STRATEGIES = ("etag", "size_mtime", "always")


class SymlinkLoop(Exception):
    """A followed link leads back to a directory above it; ``link`` is its path."""

    def __init__(self, link):
        super().__init__(link)
        self.link = link


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


def walk_local(root, path_filter, follow_symlinks=False, skip_name=None):
    """{relpath: LocalFile} for the regular files under ``root`` that pass the filter.

    Followed links are checked against the directories above them by device and inode: a link back
    to one of them raises SymlinkLoop (naming the link) before anything is transferred, instead of
    walking the loop until the path is too long. ``skip_name(name)`` drops files by name.
    """
    files = {}
    top = os.stat(root)

    def walk(directory, rel_dir, ancestors):
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for entry in entries:
            if entry.is_symlink() and not follow_symlinks:
                continue
            rel = rel_dir + entry.name
            if entry.is_dir():
                stat = os.stat(entry.path)
                identity = (stat.st_dev, stat.st_ino)
                if identity in ancestors:
                    raise SymlinkLoop(entry.path)
                walk(entry.path, rel + "/", ancestors | {identity})
            elif entry.is_file() and not (skip_name and skip_name(entry.name)) and path_filter(rel):
                stat = os.stat(entry.path)
                files[rel] = LocalFile(rel, entry.path, stat.st_size, stat.st_mtime)

    walk(root, "", frozenset([(top.st_dev, top.st_ino)]))
    return files


def content_test(strategy, etag_matches, pull=False):
    """``same(local, remote) -> bool`` for a strategy, asked only when the sizes agree.

    ``etag``: the checksum (``etag_matches``, which reads the file). ``size_mtime``: the copy is not
    older than the source, to the second: on a push the object's LastModified is at or after the
    file's modification time (an upload is later than the edit it carries); on a pull the file's time
    is at or after LastModified (a pull sets it to LastModified). ``always``: never the same.
    """
    if strategy == "always":
        return lambda local, remote: False
    if strategy == "size_mtime":
        return lambda local, remote: mtime_matches(local, remote, pull)
    return etag_matches


def mtime_matches(local, remote, pull=False):
    if local.mtime is None or remote.last_modified is None:
        return False
    local_time, remote_time = int(local.mtime), int(remote.last_modified)
    return local_time >= remote_time if pull else local_time <= remote_time


def change_kind(local, remote, same_content) -> str:
    """How a source compares with its destination, in either direction: "new" when the destination
    does not exist (None), "changed" when size or content differ, else "unchanged"."""
    if local is None or remote is None:
        return "new"
    if local.size != remote.size or not same_content(local, remote):
        return "changed"
    return "unchanged"


def plan_sync(local_files, remote_objects, prefix, same_content, delete=False, path_filter=None):
    """Decide the transfers.

    ``local_files``: {relpath: LocalFile}; ``remote_objects``: {key: RemoteObject} under the prefix;
    ``same_content(local_file, remote_object) -> bool`` is asked only when the sizes agree.
    Remote extras are deleted only with ``delete`` and only when the filter would have taken
    them, so excluded objects are never touched.
    """
    path_filter = path_filter or PathFilter()
    kinds, doomed = {"new": [], "changed": [], "unchanged": []}, []
    for rel in sorted(local_files):
        local = local_files[rel]
        kinds[change_kind(local, remote_objects.get(key_for(prefix, rel)), same_content)].append(local)
    if delete:
        wanted = {key_for(prefix, rel) for rel in local_files}
        for key in sorted(remote_objects):
            rel = relpath_for(prefix, key)
            if key not in wanted and rel is not None and path_filter(rel):
                doomed.append(remote_objects[key])
    return SyncPlan(kinds["new"], kinds["changed"], kinds["unchanged"], doomed)
