"""Creates and removes the buckets examples need, straight through ibm_boto3 (HMAC)."""

import sys
from pathlib import Path

import ibm_boto3
from ibm_botocore.client import Config

sys.path.append(str(Path(__file__).resolve().parents[1] / "integration"))
from harness import remove_bucket  # noqa: E402  pylint: disable=wrong-import-position


def client(stack_env):
    return ibm_boto3.client(
        "s3",
        endpoint_url=stack_env["IBM_COS_ENDPOINT"],
        aws_access_key_id=stack_env["IBM_COS_HMAC_ACCESS_KEY_ID"],
        aws_secret_access_key=stack_env["IBM_COS_HMAC_SECRET_ACCESS_KEY"],
        verify=stack_env.get("IBM_COS_CA_BUNDLE") or True,
        config=Config(signature_version="s3v4"),
    )


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
