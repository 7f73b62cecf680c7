"""The Resource Configuration API's retry policy: the connection's retries, 429/5xx, GET and PATCH."""
from ansible_collections.ibm.cos.plugins.module_utils._config_api import RETRY_STATUSES, retry_policy


def test_retries_follow_the_connection_option():
    policy = retry_policy(3)
    assert policy.total == 3 and policy.status == 3
    assert retry_policy(None).total == 5
    assert retry_policy(0).total == 0


def test_throttling_and_server_errors_are_retried_for_reads_and_patches():
    policy = retry_policy(5)
    assert set(RETRY_STATUSES) == {429, 500, 502, 503, 504}
    for method in ("GET", "PATCH"):
        assert policy.is_retry(method, 503) and policy.is_retry(method, 429)
    assert not policy.is_retry("GET", 404) and not policy.is_retry("PATCH", 412)
    assert policy.respect_retry_after_header and policy.backoff_jitter > 0


def test_backoff_is_exponential_and_bounded():
    policy = retry_policy(30)
    for _attempt in range(12):
        policy = policy.increment("GET", "/b/x")
    assert 0 < policy.get_backoff_time() <= 20.0 + 0.2
