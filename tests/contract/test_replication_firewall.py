"""Replication and legacy bucket firewalls (replication.md "Legacy bucket firewalls"): the stack keeps
them apart in both orders. Stack only: on a real account replication also needs an IAM
authorization between the buckets' instances, and a firewall may lock the suite out."""

import pytest
from ibm_botocore.exceptions import ClientError

from cos_clients import refusal
from test_replication import replication_to, source_and_destination  # noqa: F401 (a fixture)

pytestmark = pytest.mark.stack_only

# Admits this client (the stack listens on the loopback), so only the replication rule can refuse.
ADMITS_US = {"firewall": {"allowed_ip": ["127.0.0.0/8"]}}
ELSEWHERE = {"firewall": {"allowed_ip": ["10.0.0.0/8"], "allowed_network_type": ["private"]}}
NO_FIREWALL = {"firewall": {"allowed_ip": [], "denied_ip": [], "allowed_network_type": []}}


def refused_replication(env, s3, source, destination):
    """(HTTP status, error code, message) of a refused PutBucketReplication, once nothing is stored."""
    response = refusal(lambda: s3.put_bucket_replication(Bucket=source,
                                                         ReplicationConfiguration=replication_to(env, destination)))
    assert stored(s3, source) is None
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"]


def stored(s3, bucket):
    try:
        return s3.get_bucket_replication(Bucket=bucket)["ReplicationConfiguration"]["Rules"]
    except ClientError as error:
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404
        return None


def firewall_of(config_api, bucket):
    answer = config_api.get(bucket)
    assert answer.status_code == 200
    return answer.body.get("firewall") or {}


@pytest.mark.ledger("REPL-11")
@pytest.mark.parametrize("side, firewall", [("source", ADMITS_US), ("destination", ELSEWHERE)])
def test_a_firewall_on_either_bucket_refuses_replication(env, s3, config_api, source_and_destination, side, firewall):
    source, destination = source_and_destination
    firewalled = source if side == "source" else destination
    assert config_api.patch(firewalled, firewall).status_code == 204

    status, code, message = refused_replication(env, s3, source, destination)

    assert (status, code) == (409, "InvalidBucketState")
    assert f"{'Bucket' if side == 'source' else 'Destination bucket'} {firewalled!r} has a legacy firewall" in message


@pytest.mark.ledger("REPL-11")
def test_once_the_destination_firewall_goes_replication_is_accepted(env, s3, config_api, source_and_destination):
    source, destination = source_and_destination
    assert config_api.patch(destination, ELSEWHERE).status_code == 204
    refused_replication(env, s3, source, destination)

    assert config_api.patch(destination, NO_FIREWALL).status_code == 204
    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=replication_to(env, destination))
    assert [rule["ID"] for rule in stored(s3, source)] == ["to-backup"]


@pytest.mark.ledger("REPL-12")
def test_a_firewall_is_refused_on_a_replicating_source_and_on_its_destination(env, s3, config_api, source_and_destination):
    source, destination = source_and_destination
    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=replication_to(env, destination))

    for bucket, reason in ((source, "has a replication configuration"),
                           (destination, f"replication destination of bucket {source!r}")):
        answer = config_api.patch(bucket, ADMITS_US)
        assert answer.status_code == 409, bucket
        assert answer.body["errors"][0]["code"] == "InvalidBucketState"
        assert reason in answer.body["errors"][0]["message"]
        assert firewall_of(config_api, bucket) == {}


@pytest.mark.ledger("REPL-12")
def test_other_settings_and_an_empty_firewall_are_still_accepted_while_replicating(env, s3, config_api, source_and_destination):
    source, destination = source_and_destination
    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=replication_to(env, destination))

    assert config_api.patch(source, dict(NO_FIREWALL, hard_quota=2 ** 30)).status_code == 204
    assert config_api.get(source).body["hard_quota"] == 2 ** 30


@pytest.mark.ledger("REPL-12")
def test_once_replication_is_deleted_the_firewall_is_accepted(env, s3, config_api, source_and_destination):
    source, destination = source_and_destination
    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=replication_to(env, destination))
    s3.delete_bucket_replication(Bucket=source)

    for bucket in source_and_destination:
        assert config_api.patch(bucket, ADMITS_US).status_code == 204
        assert firewall_of(config_api, bucket) == {"allowed_ip": ["127.0.0.0/8"]}
