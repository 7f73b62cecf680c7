"""When a bucket can go, and when its name can come back."""

from ..store import moto_store
from ..web.replies import S3Refusal


def check_bucket_empty(record):
    """Moto checks objects and versions; COS also counts unfinished multipart uploads."""
    bucket = moto_store.find_bucket(record.name)
    if bucket is not None and len(bucket.multiparts):
        # ledger: EMPTY-01
        raise S3Refusal("BucketNotEmpty", 409,
                        "The bucket you tried to delete is not empty (it has unfinished multipart "
                        "uploads; abort them first).")


def check_name_not_reserved(name, state):
    if state.buckets.reserved(name):
        # ledger: NAME-01
        raise S3Refusal("BucketAlreadyExists", 409,
                        "The requested bucket name is not available. A deleted bucket's name is "
                        "reserved for a while; select a different name or try again later.")
