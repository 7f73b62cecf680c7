# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Does a local file hold the same bytes as an object? Answered from ETags, without downloading (pure).

A single-part object's ETag is the MD5 of its bytes. A multipart object's ETag is
``md5(md5(part1) + md5(part2) + ...)-N``: it depends on the part size, which COS does not report
in a listing. We recompute it for every part size consistent with the object's size and part
count (the size we upload with first, then the sizes common tools use), all in one read of the file.
A checksum stored in the object's metadata (rclone's ``md5chksum``) is used when present.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import io

from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import MIB, effective_part_size

READ_BLOCK = MIB
# Part sizes of common tools: aws cli / SDK default 8, rclone 5, s3cmd 15, ours 16, and round sizes.
COMMON_PART_SIZES_MB = (8, 5, 15, 16, 10, 32, 50, 64, 100, 128, 256, 512, 1024)
STORED_MD5_KEYS = ("md5chksum",)


def normalize_etag(etag):
    """``'"ABC-2"'`` -> ``'abc-2'``; None stays None."""
    if etag is None:
        return None
    return etag.strip().strip('"').lower()


def etag_part_count(etag):
    """Number of parts a multipart ETag declares, or None for a single-part ETag."""
    etag = normalize_etag(etag) or ""
    head, sep, tail = etag.rpartition("-")
    if sep and head and tail.isdigit():
        return int(tail)
    return None


def parts_for(size, part_size):
    return max(1, -(-size // part_size))


def candidate_part_sizes(size, parts, preferred=None, hinted=None):
    """Part sizes that split ``size`` bytes into exactly ``parts`` parts, most likely first."""
    sizes = []
    for candidate in [hinted, effective_part_size(preferred, size) if preferred else None] + \
            [mb * MIB for mb in COMMON_PART_SIZES_MB]:
        if candidate and candidate not in sizes and parts_for(size, candidate) == parts:
            sizes.append(candidate)
    if parts > 1:
        # The smallest whole-MiB size that gives this part count: what a tool that divides the
        # file evenly (or doubles a 5 MiB start) would have used.
        exact_mb = -(-size // (parts * MIB))
        exact = exact_mb * MIB
        if exact not in sizes and parts_for(size, exact) == parts:
            sizes.append(exact)
    return sizes


class MultipartHasher:
    """Feeds a stream and yields the multipart ETag it would have with ``part_size`` parts."""

    def __init__(self, part_size):
        self.part_size = part_size
        self._digests = []
        self._current = hashlib.md5()
        self._filled = 0

    def update(self, data):
        view = memoryview(data)
        while view:
            take = min(len(view), self.part_size - self._filled)
            self._current.update(view[:take])
            self._filled += take
            view = view[take:]
            if self._filled == self.part_size:
                self._digests.append(self._current.digest())
                self._current, self._filled = hashlib.md5(), 0

    def etag(self):
        digests = list(self._digests)
        if self._filled or not digests:
            digests.append(self._current.digest())
        return "%s-%d" % (hashlib.md5(b"".join(digests)).hexdigest(), len(digests))


def hash_file(source, part_sizes=(), whole_md5=True):
    """One read of ``source`` (a path, or bytes): returns ``(md5_hex, {part_size: multipart_etag})``.

    ``whole_md5=False`` skips the whole-file digest (md5_hex is then None): a multipart ETag needs
    only the parts' digests, and hashing a large file twice costs seconds per GiB.
    """
    whole = hashlib.md5() if whole_md5 else None
    hashers = {size: MultipartHasher(size) for size in part_sizes}
    opened = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")
    with opened as handle:
        while True:
            block = handle.read(READ_BLOCK)
            if not block:
                break
            if whole is not None:
                whole.update(block)
            for hasher in hashers.values():
                hasher.update(block)
    digest = whole.hexdigest() if whole is not None else None
    return digest, {size: hasher.etag() for size, hasher in hashers.items()}


def md5_file(path):
    return hash_file(path)[0]


def stored_md5(metadata):
    """The MD5 hex a tool stored in user metadata (rclone: base64 ``md5chksum``), or None."""
    for key, value in (metadata or {}).items():
        if key.lower() in STORED_MD5_KEYS and value:
            try:
                return binascii.hexlify(base64.b64decode(value, validate=True)).decode()
            except (binascii.Error, ValueError):
                return None
    return None


def local_file_matches(source, local_size, remote_size, remote_etag, part_size=None,
                       metadata=None, hinted_part_size=None):
    """True when ``source`` (a path, or bytes) holds the object's bytes (size first, then checksum)."""
    if remote_size is not None and local_size != remote_size:
        return False
    remote = normalize_etag(remote_etag)
    parts = etag_part_count(remote)
    stored = stored_md5(metadata)
    if parts is None:
        return md5_file(source) == remote
    if stored:
        return md5_file(source) == stored
    sizes = candidate_part_sizes(local_size, parts, preferred=part_size, hinted=hinted_part_size)
    if not sizes:
        return False
    etags = hash_file(source, sizes, whole_md5=False)[1]
    return remote in etags.values()


def content_etag(data, part_size):
    """The ETag an upload of ``data`` (bytes) would get with ``part_size`` parts."""
    if len(data) < part_size:
        return hashlib.md5(data).hexdigest()
    hasher = MultipartHasher(effective_part_size(part_size, len(data)))
    hasher.update(data)
    return hasher.etag()
