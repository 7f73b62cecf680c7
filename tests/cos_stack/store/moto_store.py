"""The few facts the IBM layer reads straight from moto's in-process S3 store."""

from moto.core import DEFAULT_ACCOUNT_ID
from moto.s3.exceptions import MissingBucket
from moto.s3.models import FakeDeleteMarker, s3_backends


def backend():
    return s3_backends[DEFAULT_ACCOUNT_ID]["aws"]


def find_bucket(name):
    try:
        return backend().get_bucket(name)
    except MissingBucket:
        return None


def versioning_enabled(name):
    bucket = find_bucket(name)
    return bool(bucket and bucket.versioning_status == "Enabled")


def object_lock_enabled(name):
    bucket = find_bucket(name)
    return bool(bucket and bucket.object_lock_enabled)


def usage(name):
    """Object and byte counts for the Resource Configuration API, current and noncurrent."""
    stats = {"object_count": 0, "bytes_used": 0, "noncurrent_object_count": 0,
             "noncurrent_bytes_used": 0, "delete_marker_count": 0}
    bucket = find_bucket(name)
    if bucket is None:
        return stats
    for _, versions in bucket.keys.iterlists():
        for position, version in enumerate(versions):
            current = position == len(versions) - 1
            if isinstance(version, FakeDeleteMarker):
                stats["delete_marker_count"] += 1
            elif current:
                stats["object_count"] += 1
                stats["bytes_used"] += version.size
            else:
                stats["noncurrent_object_count"] += 1
                stats["noncurrent_bytes_used"] += version.size
    return stats


def current_object(bucket_name, key):
    bucket = find_bucket(bucket_name)
    if bucket is None:
        return None
    found = bucket.keys.get(key)
    return None if isinstance(found, FakeDeleteMarker) else found


def reset():
    backend().reset()


def owner():
    """The owner moto puts on every bucket and object."""
    from moto.s3.models import OWNER

    return {"ID": OWNER, "DisplayName": "webfile"}
