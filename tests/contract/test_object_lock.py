"""Object Lock as IBM documents it (object-lock.md, api-reference-buckets.md): enabled on an
existing versioned bucket, a configuration always has one rule, retention only moves forward
unless GOVERNANCE mode is bypassed, and GetObjectRetention answers the Retention document."""

import datetime

import pytest

from cos_clients import status_of

RULE = {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}


def in_days(days):
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)


@pytest.fixture
def locked_object(s3, bucket_name):
    """(bucket, key, version) of an object under GOVERNANCE retention for two days; the retention
    is bypassed and the version deleted afterwards."""
    name = bucket_name()
    s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    version = s3.put_object(Bucket=name, Key="record", Body=b"locked")["VersionId"]
    s3.put_object_retention(Bucket=name, Key="record",
                            Retention={"Mode": "GOVERNANCE", "RetainUntilDate": in_days(2)})
    yield name, "record", version
    s3.delete_object(Bucket=name, Key="record", VersionId=version, BypassGovernanceRetention=True)


@pytest.mark.ledger("OL-01")
def test_object_lock_can_be_enabled_on_an_existing_versioned_bucket(s3, versioned_bucket):
    s3.put_object_lock_configuration(Bucket=versioned_bucket, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": RULE})

    stored = s3.get_object_lock_configuration(Bucket=versioned_bucket)["ObjectLockConfiguration"]
    assert stored["ObjectLockEnabled"] == "Enabled"
    assert stored["Rule"]["DefaultRetention"]["Mode"] == "GOVERNANCE"


@pytest.mark.ledger("OL-01")
def test_object_lock_needs_versioning_first(s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)

    assert status_of(lambda: s3.put_object_lock_configuration(Bucket=name, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": RULE})) == 409


@pytest.mark.ledger("OL-02")
def test_a_configuration_without_a_rule_is_refused(s3, versioned_bucket):
    s3.put_object_lock_configuration(Bucket=versioned_bucket, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": RULE})

    assert status_of(lambda: s3.put_object_lock_configuration(
        Bucket=versioned_bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})) == 400
    stored = s3.get_object_lock_configuration(Bucket=versioned_bucket)["ObjectLockConfiguration"]
    assert stored["Rule"]["DefaultRetention"]["Days"] == 1


@pytest.mark.ledger("OL-03")
@pytest.mark.parametrize("spelling", ["Enabled", "ENABLED"])
def test_both_spellings_of_enabled_are_accepted(s3, versioned_bucket, spelling):
    s3.put_object_lock_configuration(Bucket=versioned_bucket, ObjectLockConfiguration={
        "ObjectLockEnabled": spelling, "Rule": RULE})

    stored = s3.get_object_lock_configuration(Bucket=versioned_bucket)["ObjectLockConfiguration"]
    assert stored["ObjectLockEnabled"].lower() == "enabled"


@pytest.mark.ledger("OL-04")
def test_a_retain_until_date_in_the_past_is_refused(s3, locked_object):
    bucket, key, _ = locked_object

    assert status_of(lambda: s3.put_object_retention(
        Bucket=bucket, Key=key, Retention={"Mode": "GOVERNANCE", "RetainUntilDate": in_days(-1)})) == 400


@pytest.mark.ledger("OL-05")
def test_governance_retention_is_shortened_only_with_the_bypass_header(s3, locked_object):
    bucket, key, _ = locked_object
    shorter = {"Mode": "GOVERNANCE", "RetainUntilDate": in_days(1)}

    assert status_of(lambda: s3.put_object_retention(Bucket=bucket, Key=key, Retention=shorter)) == 403
    s3.put_object_retention(Bucket=bucket, Key=key, Retention=shorter, BypassGovernanceRetention=True)

    until = s3.get_object_retention(Bucket=bucket, Key=key)["Retention"]["RetainUntilDate"]
    assert until < in_days(1.5)


@pytest.mark.ledger("OL-05")
def test_retention_can_always_be_extended(s3, locked_object):
    bucket, key, _ = locked_object

    s3.put_object_retention(Bucket=bucket, Key=key,
                            Retention={"Mode": "GOVERNANCE", "RetainUntilDate": in_days(3)})

    until = s3.get_object_retention(Bucket=bucket, Key=key)["Retention"]["RetainUntilDate"]
    assert until > in_days(2.5)


@pytest.mark.ledger("OL-06")
def test_get_object_retention_answers_the_retention_document(s3, locked_object):
    bucket, key, _ = locked_object

    retention = s3.get_object_retention(Bucket=bucket, Key=key)["Retention"]

    assert retention["Mode"] == "GOVERNANCE"
    assert in_days(1.9) < retention["RetainUntilDate"] < in_days(2.1)
