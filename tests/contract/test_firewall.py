"""The bucket firewall set through the Resource Configuration API, enforced on S3 calls.
Only run against the stack: on real COS a firewall that excludes this host locks the suite out."""

import pytest

from cos_clients import status_of

pytestmark = pytest.mark.stack_only


@pytest.fixture
def bucket(s3, bucket):
    """The suite's new bucket, holding the object the firewall guards."""
    s3.put_object(Bucket=bucket, Key="k", Body=b"behind the firewall")
    return bucket


@pytest.mark.ledger("FW-01")
def test_client_outside_allowed_ip_is_denied(s3, config_api, bucket):
    config_api.patch(bucket, {"firewall": {"allowed_ip": ["10.0.0.0/8"]}})

    assert status_of(lambda: s3.get_object(Bucket=bucket, Key="k")) == 403
    assert status_of(lambda: s3.head_bucket(Bucket=bucket)) == 403


@pytest.mark.ledger("FW-01")
def test_client_inside_allowed_ip_gets_through(s3, config_api, bucket):
    config_api.patch(bucket, {"firewall": {"allowed_ip": ["10.0.0.0/8", "127.0.0.0/8"]}})

    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"behind the firewall"


@pytest.mark.ledger("FW-01")
def test_denied_ip_wins(s3, config_api, bucket):
    config_api.patch(bucket, {"firewall": {"allowed_ip": ["127.0.0.0/8"], "denied_ip": ["127.0.0.1"]}})

    assert status_of(lambda: s3.get_object(Bucket=bucket, Key="k")) == 403


@pytest.mark.ledger("FW-02")
def test_network_type_is_told_by_the_endpoint_used(s3_at, config_api, bucket):
    config_api.patch(bucket, {"firewall": {"allowed_network_type": ["private"]}})

    assert status_of(lambda: s3_at("us-south", "public").get_object(Bucket=bucket, Key="k")) == 403
    assert s3_at("us-south", "private").get_object(Bucket=bucket, Key="k")["Body"].read()
    assert status_of(lambda: s3_at("us-south", "direct").get_object(Bucket=bucket, Key="k")) == 403


@pytest.mark.ledger("FW-01")
def test_the_config_api_still_answers_behind_a_closed_firewall(s3, config_api, bucket):
    config_api.patch(bucket, {"firewall": {"allowed_ip": ["192.0.2.0/24"]}})

    assert config_api.get(bucket).status_code == 200
    assert config_api.patch(bucket, {"firewall": {"allowed_ip": []}}).status_code in (200, 204)
    assert s3.head_bucket(Bucket=bucket)
