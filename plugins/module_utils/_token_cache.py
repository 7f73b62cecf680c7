# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small on-disk cache of IAM tokens and endpoints documents, shared by a run's forks.

Each entry is a 0600 file in a 0700 directory, named by a sha256 of what identifies it (never the
secret itself), and holds the token and its expiry only. A lock file per entry makes parallel forks
wait for one exchange instead of making one each.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
import time
from contextlib import contextmanager

DEFAULT_DIR = "~/.cache/ibm.cos"
ENV_DIR = "IBM_COS_TOKEN_CACHE_DIR"


def cache_dir(environ) -> str:
    return os.path.expanduser(environ.get(ENV_DIR) or DEFAULT_DIR)


def entry_name(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\0".join((kind,) + parts).encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:40]}"


class FileCache:
    def __init__(self, directory: str):
        self.directory = directory

    def _ensure_dir(self):
        os.makedirs(self.directory, mode=0o700, exist_ok=True)
        if os.stat(self.directory).st_mode & 0o077:
            os.chmod(self.directory, 0o700)

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
