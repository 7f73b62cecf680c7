# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""DeleteObjects in batches of up to 1000 keys: what cos_sync's delete and cos_bucket's force share."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import error_code

BATCH = 1000  # DeleteObjects takes at most 1000 keys per call
# A version these codes keep is held (retention, legal hold), not a failed call.
HELD_CODES = ("AccessDenied", "InvalidRequest", "ObjectLocked")


def batches(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def delete_batch(s3, bucket, targets, one_by_one_when_denied=False):
    """DeleteObjects for `targets` ({"Key", "VersionId"?} each); the entries it could not delete,
    with their error codes.

    Some endpoints refuse a whole batch for one held object; with `one_by_one_when_denied` the
    batch is then retried key by key to find which.
    """
    try:
        response = s3.delete_objects(Bucket=bucket, Delete={"Objects": targets, "Quiet": True})
    except Exception as exc:  # pylint: disable=broad-except
        if not one_by_one_when_denied or error_code(exc) != "AccessDenied":
            raise
        return [failure for failure in (_delete_one(s3, bucket, target) for target in targets) if failure]
    return response.get("Errors") or []


def _delete_one(s3, bucket, target):
    try:
        s3.delete_object(Bucket=bucket, **target)
    except Exception as exc:  # pylint: disable=broad-except
        code = error_code(exc)
        if code in HELD_CODES:
            return dict(target, Code=code)
        raise
    return None
