"""Creates and removes the buckets examples need, straight through ibm_boto3 (HMAC)."""

import sys
from pathlib import Path

import ibm_boto3
from ibm_botocore.client import Config
from ibm_botocore.exceptions import ClientError

sys.path.append(str(Path(__file__).resolve().parents[1] / "integration"))
from backup_support import BackupReader  # noqa: E402  pylint: disable=wrong-import-position


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
    """Empty a bucket (every version, marker and upload) and delete it; True when gone. A bucket
    with backup policies cannot be deleted (bvm-configure.md): its policies go first."""
    try:
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=name):
            for item in page.get("Versions", []) + page.get("DeleteMarkers", []):
                s3.delete_object(Bucket=name, Key=item["Key"], VersionId=item["VersionId"])
        for upload in s3.list_multipart_uploads(Bucket=name).get("Uploads", []):
            s3.abort_multipart_upload(Bucket=name, Key=upload["Key"], UploadId=upload["UploadId"])
        try:
            s3.delete_bucket(Bucket=name)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "InvalidBucketState":
                raise
            BackupReader(stack_env).delete_policies(name)
            s3.delete_bucket(Bucket=name)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "NoSuchBucket":
            return True
        print(f"  could not remove bucket {name}: {error}")
        return False
    return True
