"""Creates and removes the buckets examples need, straight through ibm_boto3 (HMAC)."""

import ibm_boto3
import requests
from ibm_botocore.client import Config
from ibm_botocore.exceptions import ClientError


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
        if delete_backup_policies(stack_env, name):
            print(f"  removed the backup policies of {name}")
        s3.delete_bucket(Bucket=name)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "NoSuchBucket":
            return True
        print(f"  could not remove bucket {name}: {error}")
        return False
    return True


def delete_backup_policies(stack_env, name):
    """Delete the bucket's backup policies through the Config API (IAM: HMAC keys cannot call it)."""
    verify = stack_env.get("IBM_COS_CA_BUNDLE") or True
    token = requests.post(stack_env["IBM_IAM_ENDPOINT"], timeout=10, verify=verify, data={
        "grant_type": "urn:ibm:params:oauth:grant-type:apikey", "apikey": stack_env["IBMCLOUD_API_KEY"]},
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    url = f"{stack_env['IBM_COS_CONFIG_ENDPOINT'].rstrip('/')}/buckets/{name}/backup_policies"
    listing = requests.get(url, headers=headers, verify=verify, timeout=10)
    policies = (listing.json().get("backup_policies") or []) if listing.status_code == 200 else []
    for policy in policies:
        requests.delete(f"{url}/{policy['policy_id']}", headers=headers, verify=verify, timeout=10).raise_for_status()
    return len(policies)
