"""Lifecycle configurations within COS's limits are stored; the ones COS refuses are refused."""

import pytest
from ibm_botocore.exceptions import ClientError


def rule(rule_id, prefix="", **actions):
    return {"ID": rule_id, "Status": "Enabled", "Filter": {"Prefix": prefix}, **actions}


ARCHIVE = {"Transitions": [{"Days": 30, "StorageClass": "GLACIER"}]}


@pytest.fixture
def bucket(s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    return name


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
def test_transitions_cos_does_not_support_are_refused(s3, bucket, rules):
    with pytest.raises(ClientError) as raised:
        s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(ClientError) as missing:
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)
    assert missing.value.response["Error"]["Code"] == "NoSuchLifecycleConfiguration"
