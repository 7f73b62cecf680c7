# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How large objects move: the transfer settings shared by cos_object and cos_sync (pure).

Choices, and why:
- ``part_size`` 8 MiB, the SDK's own default. Measured against 16 MiB parts (bench/RESULTS.md),
  8 MiB took 14-23% less time for 1 GiB: more parts keep every thread busy to the end. Users who pay
  per request can raise it. The SDK doubles it when a file would need more than 10,000 parts.
- ``multipart_threshold`` equals ``part_size``: a file that fits in one part goes up in one
  PutObject, whose ETag is a plain MD5 that any tool can check.
- ``max_concurrency`` 8 threads. Memory stays constant: the transfer manager holds at most about
  ``max_concurrency`` parts in flight (8 x 8 MiB = 64 MiB worst case), whatever the file size.
- ``max_io_queue`` 100 (SDK default) bounds buffered download writes the same way.
"""
from __future__ import annotations

MIB = 1024 * 1024
DEFAULT_PART_SIZE_MB = 8
DEFAULT_MAX_CONCURRENCY = 8
MIN_PART_SIZE = 5 * MIB
MAX_PART_SIZE = 5 * 1024 * MIB
MAX_PARTS = 10000


def effective_part_size(part_size, file_size):
    """The part size the SDK actually uses for a file of ``file_size`` bytes.

    Mirrors ``ibm_s3transfer.utils.ChunksizeAdjuster`` so a recomputed multipart ETag matches
    what an upload with the same settings produced.
    """
    size = part_size
    if file_size:
        while -(-file_size // size) > MAX_PARTS:
            size *= 2
    return max(MIN_PART_SIZE, min(MAX_PART_SIZE, size))


def uses_multipart(file_size, part_size):
    """True when an upload of ``file_size`` bytes goes multipart (threshold == part size)."""
    return file_size >= part_size


def transfer_config(part_size_mb=DEFAULT_PART_SIZE_MB, max_concurrency=DEFAULT_MAX_CONCURRENCY):
    """An ``ibm_boto3`` TransferConfig with the settings above."""
    from ibm_boto3.s3.transfer import TransferConfig  # imported late: pure callers need no SDK

    part_size = part_size_mb * MIB
    return TransferConfig(
        multipart_threshold=part_size,
        multipart_chunksize=part_size,
        max_concurrency=max_concurrency,
        use_threads=max_concurrency > 1,
    )


def copy_config(source_size, source_part_size, max_concurrency=DEFAULT_MAX_CONCURRENCY):
    """TransferConfig for a server-side copy that keeps the source's part layout.

    A single-part source is copied in one CopyObject (its ETag, the MD5, carries over). A multipart
    source is copied part for part at its own part size, so the copy's multipart ETag equals the
    source's and a rerun can tell they match without reading a byte.
    """
    from ibm_boto3.s3.transfer import TransferConfig

    if not source_part_size:
        return TransferConfig(multipart_threshold=MAX_PART_SIZE + 1, max_concurrency=max_concurrency)
    return TransferConfig(multipart_threshold=min(source_part_size, max(source_size, 1)),
                          multipart_chunksize=source_part_size, max_concurrency=max_concurrency,
                          use_threads=max_concurrency > 1)


def validate_transfer_options(part_size_mb, max_concurrency):
    """Return an error message for out-of-range transfer options, or None."""
    if not 5 <= part_size_mb <= 5120:
        return "part_size_mb must be between 5 and 5120 (COS part limits), got %s" % part_size_mb
    if not 1 <= max_concurrency <= 64:
        return "max_concurrency must be between 1 and 64, got %s" % max_concurrency
    return None
