"""Per-object retention in a protected bucket: periods and holds set on upload, read back on
HeadObject, extended (never shortened) with ExtendObjectRetention. On a private stack: retained
objects cannot be cleaned up, a reset clears them."""

import pytest

from cos_clients import oauth_client, status_of
from test_protection import retention

pytestmark = pytest.mark.stack_only
HOUR = 3600


@pytest.fixture
def s3(private_env):
    client = oauth_client(private_env)
    client.create_bucket(Bucket="vault")
    client.put_bucket_protection_configuration(Bucket="vault", ProtectionConfiguration=retention(0, 0, 1))
    return client


@pytest.mark.ledger("ORET-01", "ORET-02")
def test_a_period_set_on_upload_is_reported_and_enforced(s3):
    s3.put_object(Bucket="vault", Key="k", Body=b"x", RetentionPeriod=HOUR)

    head = s3.head_object(Bucket="vault", Key="k")

    assert head["RetentionPeriod"] == HOUR
    assert head["RetentionLegalHoldCount"] == 0
    held_for = head["RetentionExpirationDate"] - head["LastModified"]
    assert abs(held_for.total_seconds() - HOUR) <= 1
    assert status_of(lambda: s3.delete_object(Bucket="vault", Key="k")) == 403


@pytest.mark.ledger("ORET-01")
def test_a_zero_period_leaves_the_object_deletable(s3):
    s3.put_object(Bucket="vault", Key="k", Body=b"x", RetentionPeriod=0)

    s3.delete_object(Bucket="vault", Key="k")

    assert s3.list_objects(Bucket="vault").get("Contents", []) == []


@pytest.mark.ledger("ORET-01")
def test_a_period_beyond_the_bucket_maximum_is_refused(s3):
    assert status_of(lambda: s3.put_object(Bucket="vault", Key="k", Body=b"x", RetentionPeriod=2 * 86400)) == 400
    assert s3.list_objects(Bucket="vault").get("Contents", []) == []


@pytest.mark.ledger("ORET-04")
def test_retention_headers_need_a_protected_bucket(s3):
    s3.create_bucket(Bucket="plain")

    assert status_of(lambda: s3.put_object(Bucket="plain", Key="k", Body=b"x", RetentionPeriod=HOUR)) == 400


@pytest.mark.ledger("ORET-01", "LH-01")
def test_a_legal_hold_set_on_upload_is_listed(s3):
    s3.put_object(Bucket="vault", Key="k", Body=b"x", RetentionLegalHoldId="audit-7")

    assert s3.head_object(Bucket="vault", Key="k")["RetentionLegalHoldCount"] == 1
    assert [h["ID"] for h in s3.list_legal_holds(Bucket="vault", Key="k")["LegalHolds"]] == ["audit-7"]


@pytest.mark.ledger("ORET-03")
def test_retention_extends_but_never_shrinks(s3):
    s3.put_object(Bucket="vault", Key="k", Body=b"x", RetentionPeriod=HOUR)

    s3.extend_object_retention(Bucket="vault", Key="k", AdditionalRetentionPeriod=HOUR)

    assert s3.head_object(Bucket="vault", Key="k")["RetentionPeriod"] == 2 * HOUR
    assert status_of(lambda: s3.extend_object_retention(Bucket="vault", Key="k", NewRetentionPeriod=HOUR)) == 400
    assert status_of(lambda: s3.extend_object_retention(
        Bucket="vault", Key="k", AdditionalRetentionPeriod=2 * 86400)) == 400
