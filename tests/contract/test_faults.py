"""Injected faults: error answers, latency, dropped connections, IAM outages. Faulted calls are
counted and do not change the store."""

import time

import pytest
import requests
from ibm_botocore.config import Config
from ibm_botocore.exceptions import ClientError

from cos_clients import ConfigApi, error_of, iam_token, oauth_client

pytestmark = pytest.mark.stack_only


@pytest.fixture
def s3(private_env):
    client = oauth_client(private_env)
    client.create_bucket(Bucket="faulty")
    return client


@pytest.mark.parametrize("status, code", [(503, "SlowDown"), (500, "InternalError")])
def test_status_faults_answer_s3_errors_and_store_nothing(s3, private_admin, status, code):
    private_admin.set_fault("PutObject", status=status)

    assert error_of(lambda: s3.put_object(Bucket="faulty", Key="k", Body=b"x")) == (status, code)
    private_admin.clear_faults()
    assert s3.list_objects(Bucket="faulty").get("Contents", []) == []
    assert private_admin.counters()["PutObject"] == 1


def test_count_limits_how_often_a_fault_fires(s3, private_admin):
    private_admin.set_fault("HeadBucket", status=503, count=1)

    assert error_of(lambda: s3.head_bucket(Bucket="faulty"))[0] == 503
    s3.head_bucket(Bucket="faulty")
    assert private_admin.counters()["HeadBucket"] == 2


def test_sdk_retries_through_a_one_off_slowdown(private_env, s3, private_admin):
    private_admin.set_fault("GetBucketVersioning", status=503, count=1)
    retrying = oauth_client(private_env, retries={"max_attempts": 3, "mode": "standard"})

    retrying.get_bucket_versioning(Bucket="faulty")

    assert private_admin.counters()["GetBucketVersioning"] == 2


def test_rate_applies_to_a_share_of_calls(s3, private_admin):
    private_admin.set_fault("*", status=503, rate=0.5)
    failures = 0
    for _ in range(20):
        try:
            s3.head_bucket(Bucket="faulty")
        except ClientError:
            failures += 1

    assert 2 <= failures <= 18  # fails by chance about once in 25,000 runs


def test_latency_is_added(s3, private_admin):
    private_admin.set_fault("HeadBucket", latency_ms=300)
    started = time.monotonic()

    s3.head_bucket(Bucket="faulty")

    assert time.monotonic() - started >= 0.3


def test_reset_connection_drops_the_socket(private_env, s3, private_admin):
    private_admin.set_fault("PutObject", reset_connection=True, count=1)
    once = oauth_client(private_env, retries={"total_max_attempts": 1})

    with pytest.raises(Exception) as raised:
        once.put_object(Bucket="faulty", Key="k", Body=b"x")

    assert not isinstance(raised.value, ClientError), "expected a connection error, not an answer"
    assert s3.list_objects(Bucket="faulty").get("Contents", []) == []


def test_iam_fault(private_env, private_admin):
    private_admin.set_fault("iam_token", status=500)

    with pytest.raises(requests.HTTPError):
        iam_token(private_env)
    assert private_admin.counters()["iam_token"] == 1


def test_config_patch_412_fault_leaves_the_bucket_unchanged(private_env, s3, private_admin):
    api = ConfigApi(private_env, iam_token(private_env))
    private_admin.set_fault("config_patch", status=412)

    assert api.patch("faulty", {"hard_quota": 7}).status_code == 412
    assert "hard_quota" not in api.get("faulty").json()


def test_a_wildcard_fault_leaves_iam_alone(private_env, private_admin):
    private_admin.set_fault("*", status=503)

    assert iam_token(private_env)


def test_bad_fault_definitions_are_refused(private_env):
    response = requests.post(private_env["IBM_COS_STACK_ADMIN"] + "/faults", json={"op": "x", "status": 418},
                             verify=private_env["IBM_COS_CA_BUNDLE"], timeout=10)

    assert response.status_code == 400


def test_a_bucket_scoped_fault_spares_other_buckets(s3, private_admin):
    s3.create_bucket(Bucket="spared")
    private_admin.set_fault("HeadBucket", status=503, bucket="faulty")

    assert error_of(lambda: s3.head_bucket(Bucket="faulty"))[0] == 503
    assert s3.head_bucket(Bucket="spared")["ResponseMetadata"]["HTTPStatusCode"] == 200
