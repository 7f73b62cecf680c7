"""Get/PutBucketProtectionConfiguration (retention policies) and how they meet versioning,
Object Lock and object deletes."""

import pytest

from cos_clients import oauth_client, status_of


def retention(minimum, default, maximum, permanent=None):
    config = {
        "Status": "Retention",
        "MinimumRetention": {"Days": minimum},
        "DefaultRetention": {"Days": default},
        "MaximumRetention": {"Days": maximum},
    }
    if permanent is not None:
        config["EnablePermanentRetention"] = permanent
    return config


@pytest.mark.ledger("PROT-08")
def test_policy_is_stored_and_read_back(s3, bucket):
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 1, 30))

    stored = s3.get_bucket_protection_configuration(Bucket=bucket)["ProtectionConfiguration"]

    assert stored["Status"] == "Retention"
    assert (stored["MinimumRetention"]["Days"], stored["DefaultRetention"]["Days"],
            stored["MaximumRetention"]["Days"]) == (0, 1, 30)


@pytest.mark.ledger("PROT-03")
def test_periods_can_be_extended(s3, bucket):
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 1, 30))

    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(1, 2, 60))

    stored = s3.get_bucket_protection_configuration(Bucket=bucket)["ProtectionConfiguration"]
    assert stored["MaximumRetention"]["Days"] == 60


@pytest.mark.ledger("PROT-03")
def test_periods_cannot_be_shortened(s3, bucket):
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 1, 30))

    assert status_of(lambda: s3.put_bucket_protection_configuration(
        Bucket=bucket, ProtectionConfiguration=retention(0, 1, 20))) == 400
    stored = s3.get_bucket_protection_configuration(Bucket=bucket)["ProtectionConfiguration"]
    assert stored["MaximumRetention"]["Days"] == 30


@pytest.mark.ledger("PROT-02")
def test_minimum_default_maximum_must_be_ordered(s3, bucket):
    assert status_of(lambda: s3.put_bucket_protection_configuration(
        Bucket=bucket, ProtectionConfiguration=retention(5, 1, 30))) == 400


@pytest.mark.ledger("PROT-04")
@pytest.mark.stack_only
def test_permanent_retention_cannot_be_switched_off(s3, bucket):
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 0, 1, True))

    assert status_of(lambda: s3.put_bucket_protection_configuration(
        Bucket=bucket, ProtectionConfiguration=retention(0, 0, 1))) == 400


@pytest.mark.ledger("PROT-05")
def test_refused_on_a_versioned_bucket(s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})

    assert status_of(lambda: s3.put_bucket_protection_configuration(
        Bucket=bucket, ProtectionConfiguration=retention(0, 1, 30))) in (400, 409)


@pytest.mark.ledger("PROT-06")
def test_versioning_refused_once_retention_is_set(s3, bucket):
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 1, 30))

    assert status_of(lambda: s3.put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})) in (400, 409)
    assert s3.get_bucket_versioning(Bucket=bucket).get("Status") is None


@pytest.mark.ledger("PROT-05")
def test_refused_on_an_object_lock_bucket(s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)

    assert status_of(lambda: s3.put_bucket_protection_configuration(
        Bucket=name, ProtectionConfiguration=retention(0, 1, 30))) in (400, 409)


@pytest.mark.ledger("RET-01")
@pytest.mark.stack_only
def test_an_object_under_retention_cannot_be_deleted_or_overwritten(private_env):
    # On the private stack: the bucket cannot be emptied afterwards, a reset clears it.
    s3, bucket = oauth_client(private_env), "retained-objects"
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 1, 30))
    s3.put_object(Bucket=bucket, Key="kept", Body=b"v1")

    assert status_of(lambda: s3.delete_object(Bucket=bucket, Key="kept")) == 403
    assert status_of(lambda: s3.put_object(Bucket=bucket, Key="kept", Body=b"v2")) == 403
    assert status_of(lambda: s3.delete_objects(
        Bucket=bucket, Delete={"Objects": [{"Key": "kept"}]})) == 403
    assert s3.get_object(Bucket=bucket, Key="kept")["Body"].read() == b"v1"


@pytest.mark.ledger("RET-01")
@pytest.mark.stack_only
def test_with_zero_default_retention_objects_can_go(s3, bucket):
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 0, 30))
    s3.put_object(Bucket=bucket, Key="transient", Body=b"x")

    s3.delete_object(Bucket=bucket, Key="transient")

    assert s3.list_objects(Bucket=bucket).get("Contents", []) == []


@pytest.mark.ledger("PROT-07")
def test_a_bucket_without_a_policy_reads_as_disabled(s3, bucket):
    stored = s3.get_bucket_protection_configuration(Bucket=bucket)["ProtectionConfiguration"]

    assert stored["Status"] == "Disabled"


@pytest.mark.stack_only
@pytest.mark.ledger("RET-02")
def test_a_batch_delete_with_a_protected_key_is_refused_whole(s3, bucket):
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 0, 30))
    s3.put_object(Bucket=bucket, Key="free", Body=b"f")
    s3.put_object(Bucket=bucket, Key="kept", Body=b"k", RetentionPeriod=3600)

    assert status_of(lambda: s3.delete_objects(
        Bucket=bucket, Delete={"Objects": [{"Key": "free"}, {"Key": "kept"}]})) == 403
    assert s3.head_object(Bucket=bucket, Key="free")


@pytest.mark.ledger("PROT-01")
def test_periods_stop_at_ninety_nine_years(s3, bucket):
    assert status_of(lambda: s3.put_bucket_protection_configuration(
        Bucket=bucket, ProtectionConfiguration=retention(0, 1, 36136))) == 400

    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration=retention(0, 1, 36135))

    stored = s3.get_bucket_protection_configuration(Bucket=bucket)["ProtectionConfiguration"]
    assert stored["MaximumRetention"]["Days"] == 36135
