"""Lifecycle configurations within COS's limits are stored; the ones COS refuses are refused."""

import base64
import hashlib

import pytest
import requests
from ibm_botocore.exceptions import ClientError

from cos_clients import iam_token


def rule(rule_id, prefix="", **actions):
    return {"ID": rule_id, "Status": "Enabled", "Filter": {"Prefix": prefix}, **actions}


ARCHIVE = {"Transitions": [{"Days": 30, "StorageClass": "GLACIER"}]}


@pytest.mark.ledger("LC-01", "LC-02", "LC-03")
def test_one_archive_rule_and_expirations_are_stored(s3, bucket):
    rules = [rule("archive", **ARCHIVE),
             rule("expire-logs", "logs/", Expiration={"Days": 90},
                  NoncurrentVersionExpiration={"NoncurrentDays": 7},
                  AbortIncompleteMultipartUpload={"DaysAfterInitiation": 2})]

    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})

    stored = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert sorted(r["ID"] for r in stored) == ["archive", "expire-logs"]


@pytest.mark.parametrize("rules", [
    [rule("a", **ARCHIVE), rule("b", **{"Transitions": [{"Days": 5, "StorageClass": "ACCELERATED"}]})],
    [rule("prefixed-archive", "logs/", **ARCHIVE)],
    [rule("ia", Transitions=[{"Days": 30, "StorageClass": "STANDARD_IA"}])],
])
@pytest.mark.ledger("LC-01", "LC-02", "LC-03")
def test_transitions_cos_does_not_support_are_refused(s3, bucket, rules):
    with pytest.raises(ClientError) as raised:
        s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(ClientError) as missing:
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)
    assert missing.value.response["Error"]["Code"] == "NoSuchLifecycleConfiguration"


@pytest.mark.ledger("LC-04")
def test_noncurrent_version_transitions_are_refused(env, s3, bucket):
    # IBM's S3 model has no NoncurrentVersionTransition, so ibm_boto3 cannot send one: raw XML.
    body = (b"<LifecycleConfiguration><Rule><ID>noncurrent</ID><Status>Enabled</Status>"
            b"<Filter><Prefix/></Filter><NoncurrentVersionTransition><NoncurrentDays>30"
            b"</NoncurrentDays><StorageClass>GLACIER</StorageClass></NoncurrentVersionTransition>"
            b"</Rule></LifecycleConfiguration>")
    response = requests.put(
        f"{env['IBM_COS_ENDPOINT']}/{bucket}?lifecycle", data=body,
        headers={"Authorization": f"Bearer {iam_token(env)}",
                 "Content-MD5": base64.b64encode(hashlib.md5(body).digest()).decode()},
        verify=env.get("IBM_COS_CA_BUNDLE") or True, timeout=10)

    assert response.status_code == 400
    with pytest.raises(ClientError) as missing:
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)
    assert missing.value.response["Error"]["Code"] == "NoSuchLifecycleConfiguration"


@pytest.mark.ledger("LC-05")
@pytest.mark.parametrize("rule_id", ["with space", "hash#", "slash/", "ümlaut"])
def test_rule_ids_outside_ibms_charset_are_refused(s3, bucket, rule_id):
    with pytest.raises(ClientError) as raised:
        s3.put_bucket_lifecycle_configuration(
            Bucket=bucket, LifecycleConfiguration={"Rules": [rule(rule_id, Expiration={"Days": 1})]})

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.mark.ledger("LC-05")
def test_every_allowed_rule_id_character_is_accepted(s3, bucket):
    rule_id = "Az09!_.*'()-"
    s3.put_bucket_lifecycle_configuration(
        Bucket=bucket, LifecycleConfiguration={"Rules": [rule(rule_id, Expiration={"Days": 1})]})

    assert s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"][0]["ID"] == rule_id


@pytest.mark.ledger("LC-06")
def test_at_most_a_thousand_rules(s3, bucket):
    rules = [rule(f"expire-{n}", f"p{n}/", Expiration={"Days": 1}) for n in range(1001)]

    with pytest.raises(ClientError) as raised:
        s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules[:1000]})

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert len(s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]) == 1000


@pytest.mark.ledger("LC-07")
def test_size_tag_and_and_filters_read_back_as_written(s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    rules = [
        {"ID": "big", "Status": "Enabled", "Expiration": {"Days": 180}, "Filter": {"And": {
            "Prefix": "logs/", "ObjectSizeGreaterThan": 10485760,
            "Tags": [{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "web"}]}}},
        {"ID": "small", "Status": "Enabled", "Expiration": {"Days": 7}, "Filter": {"ObjectSizeLessThan": 2048}},
        {"ID": "acme", "Status": "Enabled", "Expiration": {"Days": 7},
         "Filter": {"Tag": {"Key": "Client", "Value": "ACME"}}},
    ]
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": rules})

    stored = {r["ID"]: r["Filter"] for r in s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"]}

    assert stored == {r["ID"]: r["Filter"] for r in rules}
    s3.delete_bucket_lifecycle(Bucket=name)
    with pytest.raises(ClientError):
        s3.get_bucket_lifecycle_configuration(Bucket=name)
