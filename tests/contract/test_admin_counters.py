"""The stack's admin API: exact per-operation counters, overall and per bucket."""

import pytest
import requests

from cos_clients import ConfigApi, hmac_client, iam_token, oauth_client
from cos_stack.admin import reads, writes

pytestmark = pytest.mark.stack_only


def test_each_s3_call_is_counted_under_its_botocore_name(private_env, private_admin):
    s3 = oauth_client(private_env)
    s3.create_bucket(Bucket="counted")
    s3.head_bucket(Bucket="counted")
    s3.put_bucket_versioning(Bucket="counted", VersioningConfiguration={"Status": "Enabled"})
    s3.get_bucket_versioning(Bucket="counted")
    s3.put_object(Bucket="counted", Key="k", Body=b"x")
    s3.list_object_versions(Bucket="counted")
    s3.list_buckets_extended(IBMServiceInstanceId=private_env["IBM_COS_INSTANCE_CRN"])

    ops = private_admin.counters()

    assert ops == {
        "iam_token": 1, "CreateBucket": 1, "HeadBucket": 1, "PutBucketVersioning": 1,
        "GetBucketVersioning": 1, "PutObject": 1, "ListObjectVersions": 1, "ListBucketsExtended": 1,
    }
    assert private_admin.counters_by_bucket()["counted"]["HeadBucket"] == 1
    assert "ListBucketsExtended" not in private_admin.counters_by_bucket()["counted"]


def test_multipart_and_batch_delete_names(private_env, private_admin):
    s3 = hmac_client(private_env)
    s3.create_bucket(Bucket="multi")
    upload = s3.create_multipart_upload(Bucket="multi", Key="big")
    part = s3.upload_part(Bucket="multi", Key="big", UploadId=upload["UploadId"], PartNumber=1, Body=b"p" * 10)
    s3.list_multipart_uploads(Bucket="multi")
    s3.complete_multipart_upload(Bucket="multi", Key="big", UploadId=upload["UploadId"],
                                 MultipartUpload={"Parts": [{"ETag": part["ETag"], "PartNumber": 1}]})
    s3.delete_objects(Bucket="multi", Delete={"Objects": [{"Key": "big"}]})

    ops = private_admin.counters()

    assert {name: ops.get(name) for name in (
        "CreateMultipartUpload", "UploadPart", "ListMultipartUploads", "CompleteMultipartUpload",
        "DeleteObjects")} == dict.fromkeys(
        ("CreateMultipartUpload", "UploadPart", "ListMultipartUploads", "CompleteMultipartUpload",
         "DeleteObjects"), 1)


def test_failed_calls_are_counted_too(private_env, private_admin):
    s3 = oauth_client(private_env)
    with pytest.raises(Exception):
        s3.head_bucket(Bucket="no-such-bucket")
    requests.get(private_env["IBM_COS_ENDPOINT"] + "/", verify=private_env["IBM_COS_CA_BUNDLE"], timeout=10)

    assert private_admin.counters()["HeadBucket"] == 1
    assert private_admin.counters()["ListBuckets"] == 1


def test_config_api_iam_and_endpoints_are_counted(private_env, private_admin):
    oauth_client(private_env).create_bucket(Bucket="configured")
    api = ConfigApi(private_env, iam_token(private_env))
    api.get("configured")
    api.patch("configured", {"hard_quota": 1})
    requests.get(private_env["IBM_COS_ENDPOINTS_URL"], verify=private_env["IBM_COS_CA_BUNDLE"], timeout=10)

    ops = private_admin.counters()

    assert (ops["iam_token"], ops["config_get"], ops["config_patch"], ops["endpoints_doc"]) == (2, 1, 1, 1)
    assert private_admin.counters_by_bucket()["configured"]["config_patch"] == 1


def test_reset_counters_zeroes_them(private_env, private_admin):
    oauth_client(private_env).list_buckets()

    private_admin.reset_counters()

    assert private_admin.counters() == {}


def test_reset_empties_the_store(private_env, private_admin):
    s3 = oauth_client(private_env)
    s3.create_bucket(Bucket="forgotten")

    private_admin.reset()

    assert s3.list_buckets()["Buckets"] == []
    s3.create_bucket(Bucket="forgotten")  # the name is free again in moto too


def test_writes_and_reads_split_an_ops_dict():
    ops = {"HeadBucket": 2, "PutObject": 1, "CreateBucket": 1, "config_patch": 1, "config_get": 1,
           "iam_token": 1, "DeleteObjects": 1, "CompleteMultipartUpload": 1, "AddLegalHold": 1,
           "ListObjectVersions": 3, "GetBucketProtectionConfiguration": 1, "UploadPart": 0}

    assert writes(ops) == {"PutObject": 1, "CreateBucket": 1, "config_patch": 1, "DeleteObjects": 1,
                           "CompleteMultipartUpload": 1, "AddLegalHold": 1}
    assert reads(ops) == {"HeadBucket": 2, "config_get": 1, "iam_token": 1, "ListObjectVersions": 3,
                          "GetBucketProtectionConfiguration": 1}
