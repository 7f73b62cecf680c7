# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How large objects move: the transfer settings shared by cos_object and cos_sync (pure).

Choices, and why:
- ``part_size`` is 20 MiB for cos_object and cos_sync (``RECOMMENDED_PART_SIZE_MB``), IBM's guidance: "For objects
  smaller than 50 GB, a part size of 20 MB to 100 MB is recommended for optimum performance. For
  larger objects, part size can be increased" (ibm-cloud-docs/cloud-object-storage multipart.md,
  "Uploading objects in multiple parts"), and "it is most efficient to set the part size to a
  multiple of 4MiB" (data-io.md, "Multipart transfers"). 20 MiB is the smallest such size, which
  keeps memory at 8 x 20 MiB in flight; above 195 GiB (10,000 parts) the SDK doubles it, which stays
  a multiple of 4 MiB. It is not tuned to any server's speed.
- ``multipart_threshold`` equals ``part_size``: a file that fits in one part goes up in one
  PutObject, whose ETag is a plain MD5 that any tool can check.
- ``max_concurrency`` 8 threads. Memory stays constant: the transfer manager holds at most about
  ``max_concurrency`` parts in flight (8 x 20 MiB = 160 MiB worst case), whatever the file size.
- ``max_io_queue`` 100 (SDK default) bounds buffered download writes the same way.
"""
from __future__ import annotations

MIB = 1024 * 1024
RECOMMENDED_PART_SIZE_MB = 20
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


def transfer_config(part_size_mb=RECOMMENDED_PART_SIZE_MB, max_concurrency=DEFAULT_MAX_CONCURRENCY):
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


# Bodies smaller than this go out without "Expect: 100-continue".
CONTINUE_FROM_BYTES = MIB


def send_small_bodies_at_once(s3):
    """ibm_botocore asks for "100 Continue" before sending any file body, and waits for it: one round
    trip more per request. The wait spares sending a large body the server would refuse; for a body
    under 1 MiB, sending it costs less than the wait, which a sync of many small files pays once per
    file. Such bodies are sent with the request. Idempotent (one handler per client)."""
    from ibm_botocore.utils import determine_content_length

    def drop_expect(params, **_kwargs):
        headers = params.get("headers") or {}
        if headers.get("Expect") == "100-continue":
            size = determine_content_length(params.get("body"))
            if size is not None and size < CONTINUE_FROM_BYTES:
                del headers["Expect"]

    s3.meta.events.register_last("before-call.s3", drop_expect, unique_id="ibm-cos-small-bodies-at-once")


# The transfer manager queues at most 1000 requests itself (TransferConfig's
# max_request_queue_size); futures held beyond that only hold memory: a first sync of 90,605 files
# that kept every future peaked at 393 MB.
IN_FLIGHT_LIMIT = 1000


def transfer_each(items, submit, finish, limit=IN_FLIGHT_LIMIT):
    """submit(item) -> ticket for every item, with at most ``limit`` tickets outstanding;
    finish(item, ticket) in submission order. Returns the (item, exception) pairs finish raised."""
    import collections

    failures, pending = [], collections.deque()

    def settle(item, ticket):
        try:
            finish(item, ticket)
        except Exception as exc:  # pylint: disable=broad-except
            failures.append((item, exc))

    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= limit:
            settle(*pending.popleft())
    while pending:
        settle(*pending.popleft())
    return failures
