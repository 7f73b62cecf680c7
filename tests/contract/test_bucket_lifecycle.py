"""When a bucket can be deleted, when its name comes back, the integrity headers COS requires,
and the bucket calls COS does not offer."""

import base64
import hashlib

import pytest
import requests

from cos_clients import error_of, iam_token, oauth_client
from test_protection import retention


def raw_put(env, path, body, md5=False):
    headers = {"Authorization": f"Bearer {iam_token(env)}"}
    if md5:
        headers["Content-MD5"] = base64.b64encode(hashlib.md5(body).digest()).decode()
    return requests.put(f"{env['IBM_COS_ENDPOINT']}/{path}", data=body, headers=headers,
                        verify=env.get("IBM_COS_CA_BUNDLE") or True, timeout=10)


@pytest.mark.ledger("EMPTY-01")
def test_an_unfinished_multipart_upload_keeps_the_bucket(s3, bucket):
    upload = s3.create_multipart_upload(Bucket=bucket, Key="big")["UploadId"]

    assert error_of(lambda: s3.delete_bucket(Bucket=bucket)) == (409, "BucketNotEmpty")
    s3.abort_multipart_upload(Bucket=bucket, Key="big", UploadId=upload)
    s3.delete_bucket(Bucket=bucket)
    assert bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


@pytest.mark.stack_only  # real COS holds the name for minutes
@pytest.mark.ledger("NAME-01")
def test_a_deleted_name_is_reserved_for_a_while(private_env, private_admin):
    s3 = oauth_client(private_env)
    private_admin.configure(name_reservation_seconds=60)
    s3.create_bucket(Bucket="reserved-name")
    s3.delete_bucket(Bucket="reserved-name")

    assert error_of(lambda: s3.create_bucket(Bucket="reserved-name")) == (409, "BucketAlreadyExists")
    private_admin.configure(name_reservation_seconds=0)
    s3.create_bucket(Bucket="reserved-name-2")
    s3.delete_bucket(Bucket="reserved-name-2")
    s3.create_bucket(Bucket="reserved-name-2")


@pytest.mark.ledger("MD5-01")
@pytest.mark.parametrize("query, body", [
    ("protection", b"<ProtectionConfiguration><Status>Retention</Status><MinimumRetention><Days>0"
                   b"</Days></MinimumRetention><DefaultRetention><Days>0</Days></DefaultRetention>"
                   b"<MaximumRetention><Days>1</Days></MaximumRetention></ProtectionConfiguration>"),
    ("lifecycle", b"<LifecycleConfiguration><Rule><ID>x</ID><Status>Enabled</Status><Filter>"
                  b"<Prefix/></Filter><Expiration><Days>1</Days></Expiration></Rule>"
                  b"</LifecycleConfiguration>"),
])
def test_configuration_writes_need_an_integrity_header(env, bucket, query, body):
    without = raw_put(env, f"{bucket}?{query}", body)
    with_md5 = raw_put(env, f"{bucket}?{query}", body, md5=True)

    assert without.status_code == 400
    assert with_md5.status_code == 200


@pytest.mark.ledger("MD5-02")
def test_uploads_into_a_protected_bucket_need_an_integrity_header(env, s3, bucket):
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 0, 1))

    without = raw_put(env, f"{bucket}/plain", b"data")
    with_md5 = raw_put(env, f"{bucket}/checked", b"data", md5=True)

    assert without.status_code == 400
    assert with_md5.status_code == 200
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["checked"]


@pytest.mark.ledger("TAG-01")
def test_bucket_tagging_is_not_offered(s3, bucket):
    tagging = {"TagSet": [{"Key": "team", "Value": "storage"}]}

    assert error_of(lambda: s3.put_bucket_tagging(Bucket=bucket, Tagging=tagging)) == (501, "NotImplemented")
    assert error_of(lambda: s3.get_bucket_tagging(Bucket=bucket)) == (501, "NotImplemented")
    assert error_of(lambda: s3.delete_bucket_tagging(Bucket=bucket)) == (501, "NotImplemented")
