"""Creates and removes the buckets examples need, on the HMAC client the runner makes (harness.hmac_client)."""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1] / "integration"))
from harness import remove_bucket  # noqa: E402  pylint: disable=wrong-import-position


def existing(s3):
    return {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}


def create(s3, name, region):
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": f"{region}-standard"})


def remove(s3, name, stack_env):
    """Empty a bucket (every version, marker and upload) and delete it, its backup policies too
    when they keep it; True when gone."""
    code = remove_bucket(s3, name, stack_env)
    if code:
        print(f"  could not remove bucket {name}: {code}")
    return not code
