# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small on-disk cache of IAM tokens and endpoints documents, shared by a run's forks.

Each entry is a 0600 file in a 0700 directory of the collection's own (`ibm.cos` inside
IBM_COS_TOKEN_CACHE_DIR, default ~/.cache), named by a sha256 of what identifies it (never the
secret itself), and holds the token and its expiry only. A lock file per entry makes parallel forks
wait for one exchange instead of making one each. The cache never changes the permissions of a
directory: it refuses one that others could write into or that belongs to someone else.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
import tempfile
import time
from contextlib import contextmanager

from ansible_collections.ibm.cos.plugins.module_utils._setting_checks import SettingsError

DEFAULT_PARENT = "~/.cache"
SUBDIRECTORY = "ibm.cos"
ENV_DIR = "IBM_COS_TOKEN_CACHE_DIR"


class UnsafeCacheDir(SettingsError):
    """The cache directory, or the one it is in, is not private enough to hold a token."""


def cache_dir(environ) -> str:
    """The collection's private directory inside IBM_COS_TOKEN_CACHE_DIR (default ~/.cache)."""
    parent = os.path.expanduser(environ.get(ENV_DIR) or DEFAULT_PARENT)
    return os.path.join(parent, SUBDIRECTORY)


def _refuse(path, why):
    raise UnsafeCacheDir(f"token cache directory {path!r} {why}; set {ENV_DIR} to a directory only you "
                         "can write (the collection keeps its tokens in an 'ibm.cos' directory inside it)")


def check_parent(path):
    """Others may share the parent only if it is sticky (as /tmp is), so nobody can swap our directory."""
    info = os.stat(path)
    if info.st_uid not in (os.getuid(), 0):
        _refuse(path, f"belongs to another user (uid {info.st_uid})")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not info.st_mode & stat.S_ISVTX:
        _refuse(path, "is writable by other users and has no sticky bit")


def check_private(path):
    """Our own directory: a real directory (not a link), ours, and closed to group and others."""
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode):
        _refuse(path, "is not a directory")
    if info.st_uid != os.getuid():
        _refuse(path, f"belongs to another user (uid {info.st_uid})")
    if info.st_mode & 0o077:
        _refuse(path, f"is open to other users (mode {stat.S_IMODE(info.st_mode):04o}, needs 0700)")


def entry_name(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\0".join((kind,) + parts).encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:40]}"


class FileCache:
    def __init__(self, directory: str):
        self.directory = directory
        self._checked = False

    def _ensure_dir(self):
        if self._checked:
            return
        parent = os.path.dirname(self.directory)
        if not os.path.isdir(parent):
            os.makedirs(parent, mode=0o700, exist_ok=True)
        check_parent(parent)
        try:
            os.mkdir(self.directory, 0o700)
        except FileExistsError:
            pass
        check_private(self.directory)
        self._checked = True

    @contextmanager
    def locked(self, name: str):
        """Hold an exclusive lock for entry `name` (waits for another fork's exchange)."""
        self._ensure_dir()
        fd = os.open(os.path.join(self.directory, name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def read(self, name: str):
        try:
            with open(os.path.join(self.directory, name + ".json"), encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def write(self, name: str, data: dict):
        """Write atomically with mode 0600 so a killed run never leaves a torn entry."""
        self._ensure_dir()
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.chmod(tmp, 0o600)
            os.replace(tmp, os.path.join(self.directory, name + ".json"))
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def get_or_create(self, name: str, is_fresh, create):
        """Return the cached value if `is_fresh(value)`, else `create()` it under the lock."""
        self._ensure_dir()  # before reading: a token planted in a directory others control is not ours
        cached = self.read(name)
        if cached is not None and is_fresh(cached):
            return cached
        with self.locked(name):
            cached = self.read(name)  # another fork may have refreshed it while we waited
            if cached is not None and is_fresh(cached):
                return cached
            value = create()
            self.write(name, value)
            return value


def fresh_for(max_age: float):
    """An `is_fresh` test for documents stored with a `fetched_at` stamp."""
    return lambda data: time.time() - float(data.get("fetched_at", 0)) < max_age
