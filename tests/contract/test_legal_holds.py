"""Legal holds on objects in a bucket with a retention policy (default retention 0 days here, so
only the hold protects the object and the bucket can be emptied afterwards)."""

import pytest

from cos_clients import status_of
from test_protection import retention


@pytest.fixture
def held_bucket(s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    s3.put_bucket_protection_configuration(Bucket=name, ProtectionConfiguration=retention(0, 0, 1))
    s3.put_object(Bucket=name, Key="evidence", Body=b"keep me")
    return name


@pytest.mark.ledger("LH-01")
def test_a_held_object_cannot_be_deleted_until_the_hold_is_removed(s3, held_bucket):
    s3.add_legal_hold(Bucket=held_bucket, Key="evidence", RetentionLegalHoldId="case-42")

    assert [h["ID"] for h in s3.list_legal_holds(Bucket=held_bucket, Key="evidence")["LegalHolds"]] == ["case-42"]
    assert status_of(lambda: s3.delete_object(Bucket=held_bucket, Key="evidence")) == 403

    s3.delete_legal_hold(Bucket=held_bucket, Key="evidence", RetentionLegalHoldId="case-42")
    s3.delete_object(Bucket=held_bucket, Key="evidence")
    assert s3.list_objects(Bucket=held_bucket).get("Contents", []) == []


@pytest.mark.ledger("LH-02")
def test_holds_need_a_retention_policy(s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="k", Body=b"x")

    assert status_of(lambda: s3.add_legal_hold(Bucket=name, Key="k", RetentionLegalHoldId="h")) == 400


@pytest.mark.ledger("LH-03")
def test_removing_an_unknown_hold_is_refused(s3, held_bucket):
    assert status_of(lambda: s3.delete_legal_hold(
        Bucket=held_bucket, Key="evidence", RetentionLegalHoldId="never-added")) == 400


@pytest.mark.stack_only
@pytest.mark.ledger("LH-04")
def test_at_most_a_hundred_holds(s3, held_bucket):
    bucket, key = held_bucket, "evidence"
    for number in range(100):
        s3.add_legal_hold(Bucket=bucket, Key=key, RetentionLegalHoldId=f"hold-{number}")

    assert status_of(lambda: s3.add_legal_hold(Bucket=bucket, Key=key,
                                               RetentionLegalHoldId="one-too-many")) == 400
    holds = s3.list_legal_holds(Bucket=bucket, Key=key)["LegalHolds"]
    for hold in holds:
        s3.delete_legal_hold(Bucket=bucket, Key=key, RetentionLegalHoldId=hold["ID"])
    assert len(holds) == 100


@pytest.mark.ledger("LH-05")
@pytest.mark.parametrize("hold_id", ["with space", "hash#1", "x" * 65, "ümlaut"])
def test_hold_ids_outside_ibms_charset_or_length_are_refused(s3, held_bucket, hold_id):
    assert status_of(lambda: s3.add_legal_hold(Bucket=held_bucket, Key="evidence",
                                               RetentionLegalHoldId=hold_id)) == 400
    assert s3.list_legal_holds(Bucket=held_bucket, Key="evidence")["LegalHolds"] == []


@pytest.mark.ledger("LH-05")
def test_every_allowed_character_and_sixty_four_of_them_are_accepted(s3, held_bucket):
    allowed = ["Az09!_.*()-'", "x" * 64]
    for hold_id in allowed:
        s3.add_legal_hold(Bucket=held_bucket, Key="evidence", RetentionLegalHoldId=hold_id)

    listed = [h["ID"] for h in s3.list_legal_holds(Bucket=held_bucket, Key="evidence")["LegalHolds"]]
    for hold_id in allowed:
        s3.delete_legal_hold(Bucket=held_bucket, Key="evidence", RetentionLegalHoldId=hold_id)
    assert sorted(listed) == sorted(allowed)


@pytest.mark.ledger("LH-06")
def test_adding_a_hold_twice_is_409(s3, held_bucket):
    s3.add_legal_hold(Bucket=held_bucket, Key="evidence", RetentionLegalHoldId="case-7")

    status = status_of(lambda: s3.add_legal_hold(Bucket=held_bucket, Key="evidence",
                                                 RetentionLegalHoldId="case-7"))

    s3.delete_legal_hold(Bucket=held_bucket, Key="evidence", RetentionLegalHoldId="case-7")
    assert status == 409


@pytest.mark.ledger("LH-07")
def test_listing_holds_of_an_object_without_retention_is_404(s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="plain", Body=b"no retention")

    assert status_of(lambda: s3.list_legal_holds(Bucket=name, Key="plain")) == 404
