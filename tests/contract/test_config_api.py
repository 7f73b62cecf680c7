"""The Resource Configuration API: GET with usage and an ETag, PATCH as a merge patch."""

import pytest
import requests

from cos_clients import ConfigApi, iam_token


@pytest.mark.ledger("CFG-01")
def test_get_reports_real_usage(s3, config_api, bucket):
    s3.put_object(Bucket=bucket, Key="a", Body=b"12345")
    s3.put_object(Bucket=bucket, Key="b", Body=b"123")

    response = config_api.get(bucket)

    assert response.status_code == 200
    assert response.headers["ETag"]
    body = response.json()
    assert body["name"] == bucket
    assert (body["object_count"], body["bytes_used"]) == (2, 8)
    assert body["crn"].endswith(f":bucket:{bucket}")
    assert {"name", "crn", "service_instance_id", "service_instance_crn", "time_created",
            "time_updated", "object_count", "bytes_used"} <= set(body)


@pytest.mark.ledger("CFG-03", "CFG-07", "CFG-08", "CFG-09")
def test_patch_merges_and_changes_the_etag(config_api, bucket):
    before = config_api.get(bucket)

    patched = config_api.patch(bucket, {"activity_tracking": {"read_data_events": True},
                                        "hard_quota": 1048576})

    assert patched.status_code in (200, 204)
    after = config_api.get(bucket)
    assert after.headers["ETag"] != before.headers["ETag"]
    body = after.json()
    assert body["activity_tracking"]["read_data_events"] is True
    assert body["activity_tracking"].get("write_data_events") in (None, False)  # untouched
    assert body["hard_quota"] == 1048576


@pytest.mark.ledger("CFG-02")
def test_patch_with_a_stale_etag_is_412(config_api, bucket):
    stale = config_api.get(bucket).headers["ETag"]
    config_api.patch(bucket, {"metrics_monitoring": {"usage_metrics_enabled": True}})

    response = config_api.patch(bucket, {"hard_quota": 5}, etag=stale)

    assert response.status_code == 412
    assert config_api.get(bucket).json().get("hard_quota", 0) == 0


@pytest.mark.ledger("CFG-02", "CFG-04")
def test_patch_with_the_current_etag_applies(config_api, bucket):
    current = config_api.get(bucket).headers["ETag"]

    response = config_api.patch(bucket, {"hard_quota": 5}, etag=current)

    assert response.status_code in (200, 204)
    assert config_api.get(bucket).json()["hard_quota"] == 5


@pytest.mark.ledger("CFG-03")
def test_an_empty_list_clears_a_firewall_list(config_api, bucket):
    config_api.patch(bucket, {"firewall": {"allowed_ip": ["10.0.0.0/8", "127.0.0.1"]}})

    config_api.patch(bucket, {"firewall": {"allowed_ip": []}})

    assert config_api.get(bucket).json()["firewall"]["allowed_ip"] == []


@pytest.mark.parametrize("patch", [
    {"firewall": {"allowed_ip": ["10.0.0.300/8"]}},
    {"firewall": {"denied_ip": ["not an address"]}},
    {"firewall": {"allowed_network_type": ["satellite"]}},
    {"firewall": {"allowed_ip": [f"10.{i // 256}.{i % 256}.0/24" for i in range(1001)]}},
    {"activity_tracking": {"read_data_events": "yes"}},
    {"hard_quota": -1},
])
@pytest.mark.ledger("CFG-05", "CFG-06", "CFG-07", "CFG-09")
def test_invalid_patches_are_400_and_change_nothing(config_api, bucket, patch):
    before = config_api.get(bucket)

    response = config_api.patch(bucket, patch, raw=True)

    assert response.status_code == 400
    assert config_api.get(bucket).headers["ETag"] == before.headers["ETag"]


@pytest.mark.ledger("CFG-05")
def test_thousand_cidrs_are_accepted(config_api, bucket):
    cidrs = ["127.0.0.1"] + [f"10.{i // 256}.{i % 256}.0/24" for i in range(999)]

    response = config_api.patch(bucket, {"firewall": {"allowed_ip": cidrs}})

    stored = len(config_api.get(bucket).json()["firewall"]["allowed_ip"])
    config_api.patch(bucket, {"firewall": {"allowed_ip": []}})  # on real COS, let cleanup back in
    assert response.status_code in (200, 204)
    assert stored == 1000


@pytest.mark.ledger("CFG-11")
def test_without_a_bearer_token_is_401(env, bucket):
    response = requests.get(f"{env['IBM_COS_CONFIG_ENDPOINT']}/b/{bucket}",
                            verify=env.get("IBM_COS_CA_BUNDLE") or True, timeout=10)

    assert response.status_code in (401, 403)


@pytest.mark.ledger("CFG-11")
def test_hmac_style_credentials_are_not_accepted(env, bucket):
    response = requests.get(f"{env['IBM_COS_CONFIG_ENDPOINT']}/b/{bucket}",
                            headers={"Authorization": "AWS4-HMAC-SHA256 Credential=x/y"},
                            verify=env.get("IBM_COS_CA_BUNDLE") or True, timeout=10)

    assert response.status_code in (401, 403)


@pytest.mark.ledger("CFG-12")
def test_unknown_bucket_is_404(config_api, bucket_name):
    assert config_api.get(bucket_name()).status_code in (403, 404)


@pytest.mark.ledger("CFG-10")
@pytest.mark.parametrize("patch", [{"object_count": 5}, {"name": "renamed"}, {"no_such_field": 1}])
def test_read_only_and_unknown_fields_are_400(config_api, bucket, patch):
    response = config_api.patch(bucket, patch, raw=True)

    assert response.status_code == 400


@pytest.mark.stack_only  # the error body of the real API is not documented
@pytest.mark.ledger("CFG-13")
def test_errors_have_the_platform_shape(config_api, bucket):
    response = config_api.patch(bucket, {"hard_quota": -1}, raw=True)

    body = response.json()
    assert body["status_code"] == 400
    assert body["errors"][0]["code"] and body["errors"][0]["message"]
    assert body["trace"]


@pytest.mark.ledger("CFG-14")
def test_a_new_bucket_has_no_configuration_sections(config_api, bucket):
    body = config_api.get(bucket).json()

    assert not {"firewall", "activity_tracking", "metrics_monitoring", "hard_quota"} & set(body)


@pytest.mark.ledger("CFG-14")
def test_only_the_sections_set_are_shown(config_api, bucket):
    config_api.patch(bucket, {"metrics_monitoring": {"usage_metrics_enabled": True}})

    body = config_api.get(bucket).json()

    assert body["metrics_monitoring"]["usage_metrics_enabled"] is True
    assert not {"firewall", "activity_tracking", "hard_quota"} & set(body)


@pytest.mark.ledger("CFG-15")
def test_legacy_crn_fields_are_accepted_and_read_back(env, config_api, bucket):
    account = env["IBM_COS_INSTANCE_CRN"].split(":")[6]
    tracker = f"crn:v1:bluemix:public:logdnaat:us-south:{account}:5d1f0c4e-0000-4000-8000-000000000001::"
    monitor = f"crn:v1:bluemix:public:sysdig-monitor:us-south:{account}:5d1f0c4e-0000-4000-8000-000000000002::"

    response = config_api.patch(bucket, {"activity_tracking": {"activity_tracker_crn": tracker,
                                                               "write_data_events": True},
                                         "metrics_monitoring": {"metrics_monitoring_crn": monitor}})

    assert response.status_code in (200, 204)
    body = config_api.get(bucket).json()
    assert body["activity_tracking"]["activity_tracker_crn"] == tracker
    assert body["metrics_monitoring"]["metrics_monitoring_crn"] == monitor


@pytest.mark.stack_only  # a real account would need a second key with the Writer role
@pytest.mark.ledger("CFG-16")
def test_the_firewall_is_for_managers_only(env, config_api, bucket):
    config_api.patch(bucket, {"firewall": {"allowed_ip": ["127.0.0.0/8"]}, "hard_quota": 7})
    writer = ConfigApi(env, iam_token(env, env["IBM_COS_STACK_WRITER_API_KEY"]))

    seen = writer.get(bucket).json()
    refused = writer.patch(bucket, {"firewall": {"allowed_ip": []}})

    assert "firewall" not in seen and seen["hard_quota"] == 7
    assert refused.status_code == 403
    assert config_api.get(bucket).json()["firewall"]["allowed_ip"] == ["127.0.0.0/8"]
