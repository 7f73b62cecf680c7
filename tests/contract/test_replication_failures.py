"""Long-term replication failures, listed and scheduled for another attempt (IBM-only calls,
June 2026). Stack only: the stack replicates nothing, so tests seed the failures."""

import datetime

import pytest
from ibm_botocore.exceptions import ClientError

pytestmark = pytest.mark.stack_only


def failure(n, cause="Remote bucket not found"):
    return {"key": f"logs/{n:03d}.txt", "version_id": f"v{n}", "sync_type": "Content",
            "first_sync_attempted": f"2026-05-{n + 1:02d}T06:20:16.787Z", "cause": cause}


@pytest.mark.ledger("REPL-06")
def test_failures_are_listed_newest_first_in_pages(s3, admin, versioned_bucket):
    admin.seed_replication_failures(versioned_bucket, [failure(n) for n in range(5)])

    first = s3.list_bucket_replication_failures(Bucket=versioned_bucket, MaxKeys=3)["ListReplicationFailureResult"]
    second = s3.list_bucket_replication_failures(
        Bucket=versioned_bucket, MaxKeys=3, ContinuationToken=first["NextContinuationToken"])["ListReplicationFailureResult"]

    assert first["IsTruncated"] is True and first["KeyCount"] == 3
    assert [c["Key"] for c in first["Contents"]] == ["logs/004.txt", "logs/003.txt", "logs/002.txt"]
    assert second["IsTruncated"] is False
    assert [c["Key"] for c in second["Contents"]] == ["logs/001.txt", "logs/000.txt"]
    assert second["Contents"][0]["SyncFailureCause"] == "Remote bucket not found"
    assert second["Contents"][0]["VersionId"] == "v1"


@pytest.mark.ledger("REPL-06")
def test_listing_starts_at_first_sync_attempted_before(s3, admin, versioned_bucket):
    admin.seed_replication_failures(versioned_bucket, [failure(n) for n in range(5)])

    listing = s3.list_bucket_replication_failures(
        Bucket=versioned_bucket, FirstSyncAttemptedBefore="2026-05-02T23:59:59.999Z")["ListReplicationFailureResult"]

    assert [c["Key"] for c in listing["Contents"]] == ["logs/001.txt", "logs/000.txt"]


@pytest.mark.ledger("REPL-06")
def test_no_failures_is_an_empty_listing(s3, versioned_bucket):
    listing = s3.list_bucket_replication_failures(Bucket=versioned_bucket)["ListReplicationFailureResult"]

    assert listing["KeyCount"] == 0 and listing["IsTruncated"] is False
    assert "Contents" not in listing


@pytest.mark.ledger("REPL-06")
def test_max_keys_over_1000_is_refused(s3, versioned_bucket):
    with pytest.raises(ClientError) as raised:
        s3.list_bucket_replication_failures(Bucket=versioned_bucket, MaxKeys=1001)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.mark.ledger("REPL-07")
def test_reattempt_is_scheduled_for_the_next_midnight_gmt(s3, versioned_bucket):
    answer = s3.put_bucket_replication_reattempt(Bucket=versioned_bucket)
    again = s3.put_bucket_replication_reattempt(Bucket=versioned_bucket)

    headers = answer["ResponseMetadata"]["HTTPHeaders"]
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 204
    scheduled = datetime.datetime.strptime(headers["x-ibm-replication-reattempt-scheduled-time"],
                                           "%a, %d %b %Y %H:%M:%S GMT")
    tomorrow = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)
    assert scheduled == datetime.datetime.combine(tomorrow, datetime.time())
    assert again["ResponseMetadata"]["HTTPHeaders"]["x-ibm-replication-reattempt-scheduled-time"] == \
        headers["x-ibm-replication-reattempt-scheduled-time"]
