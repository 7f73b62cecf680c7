# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Emptying a bucket for `force: true`: every version, delete marker and unfinished upload.

Listing is sequential (it is paginated); deleting runs as parallel DeleteObjects batches of up
to 1000 keys, a window of batches at a time so memory stays bounded on large buckets.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import error_code
from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel
from ansible_collections.ibm.cos.plugins.module_utils.objects.batch_delete import BATCH, delete_batch

WINDOW = 8
REPORTED = 10


class BucketNotEmptied(Exception):
    """Some versions could not be deleted (retention or legal hold); the bucket stays."""

    def __init__(self, bucket, failures):
        self.failures = failures
        shown = ", ".join(
            "%r (version %s: %s)" % (f.get("Key"), f.get("VersionId") or "null", f.get("Code") or f.get("Message"))
            for f in failures[:REPORTED])
        more = f" and {len(failures) - REPORTED} more" if len(failures) > REPORTED else ""
        super().__init__(
            f"Bucket {bucket!r} was not deleted: {len(failures)} object version(s) could not be removed, "
            f"most likely under a retention period or a legal hold: {shown}{more}. Remove the legal holds "
            "(ibm.cos.cos_object) or wait for the retention to expire, then run again; the remaining "
            "objects were deleted.")


def is_empty(s3, bucket):
    """True when the bucket holds no version, delete marker or unfinished upload."""
    versions = s3.list_object_versions(Bucket=bucket, MaxKeys=1)
    if versions.get("Versions") or versions.get("DeleteMarkers"):
        return False
    return not s3.list_multipart_uploads(Bucket=bucket, MaxUploads=1).get("Uploads")


def _abort_uploads(s3, bucket, uploads):
    for upload in uploads:
        try:
            s3.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
        except Exception as exc:  # pylint: disable=broad-except
            if error_code(exc) != "NoSuchUpload":
                raise


def _run_window(s3, bucket, batches, failures):
    jobs = {str(i): (lambda b=b: delete_batch(s3, bucket, b, one_by_one_when_denied=True))
            for i, b in enumerate(batches)}
    for errors in run_parallel(jobs).values():
        failures.extend(errors)


def empty_bucket(s3, bucket):
    """Delete everything in `bucket`; returns counts, raises BucketNotEmptied on held objects."""
    failures, window, batch = [], [], []
    counts = {"deleted_versions": 0, "aborted_uploads": 0}
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for entry in (page.get("Versions") or []) + (page.get("DeleteMarkers") or []):
            target = {"Key": entry["Key"]}
            if entry.get("VersionId"):
                target["VersionId"] = entry["VersionId"]
            batch.append(target)
            if len(batch) == BATCH:
                window.append(batch)
                batch = []
                if len(window) == WINDOW:
                    _run_window(s3, bucket, window, failures)
                    counts["deleted_versions"] += sum(len(b) for b in window)
                    window = []
    if batch:
        window.append(batch)
    _run_window(s3, bucket, window, failures)
    counts["deleted_versions"] += sum(len(b) for b in window)

    uploads = []
    for page in s3.get_paginator("list_multipart_uploads").paginate(Bucket=bucket):
        uploads.extend(page.get("Uploads") or [])
    chunks = [uploads[i:i + 50] for i in range(0, len(uploads), 50)]
    run_parallel({str(i): (lambda c=c: _abort_uploads(s3, bucket, c)) for i, c in enumerate(chunks)})
    counts["aborted_uploads"] = len(uploads)

    counts["deleted_versions"] -= len(failures)
    if failures:
        raise BucketNotEmptied(bucket, failures)
    return counts
