"""Backup vaults (tests/cos_stack/backup/LEDGER.md rows V1-V9)."""

import secrets

import pytest

from backup_client import BackupClient, api  # noqa: F401  (fixture)
from cos_clients import iam_token

pytestmark = pytest.mark.stack_only  # a real account's vault cannot be deleted while it holds backups


def vault_name():
    return f"cv-{secrets.token_hex(5)}"


@pytest.mark.ledger("BKV-01")
def test_v1_create_answers_the_vault_with_its_crn_and_usage(api, env):
    name = vault_name()

    response = api.create_vault(name, activity_tracking={"management_events": True},
                                metrics_monitoring={"usage_metrics_enabled": True},
                                sse_kp_customer_root_key_crn=env["IBM_KP_ROOT_KEY_CRN"])

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["backup_vault_name"] == name and body["region"] == "us-south"
    assert body["crn"].endswith(f":backup-vault:{name}")
    assert body["bytes_used"] == 0
    assert body["activity_tracking"] == {"management_events": True}
    assert body["metrics_monitoring"] == {"usage_metrics_enabled": True}
    assert body["sse_kp_customer_root_key_crn"] == env["IBM_KP_ROOT_KEY_CRN"]


@pytest.mark.ledger("BKV-02", "BKV-09")
def test_v2_list_names_the_instance_vaults_by_crn(api, env):
    name = vault_name()
    crn = api.create_vault(name).json()["crn"]

    by_query = api.list_vaults(params={"service_instance_id": api.instance})
    by_guid = api.list_vaults(params={"service_instance_id": api.instance.split(":")[7]})
    without = api.list_vaults()
    stranger = BackupClient(env, iam_token(env, env["IBM_COS_STACK_OTHER_API_KEY"]))

    assert crn in by_query.json()["backup_vaults"]
    assert by_guid.json() == by_query.json()
    assert without.status_code == 400
    assert stranger.list_vaults(params={"service_instance_id": api.instance}).status_code == 403
    assert stranger.get_vault(name).status_code == 403


@pytest.mark.ledger("BKV-03")
def test_v3_get_answers_an_etag_and_404_for_an_unknown_vault(api):
    name = vault_name()
    api.create_vault(name)

    found, unknown = api.get_vault(name), api.get_vault(vault_name())

    assert found.status_code == 200 and found.headers["ETag"]
    assert unknown.status_code == 404


@pytest.mark.ledger("BKV-04")
def test_v4_patch_changes_tracking_and_metrics_only_and_honours_if_match(api):
    name = vault_name()
    api.create_vault(name)
    etag = api.get_vault(name).headers["ETag"]

    changed = api.patch_vault(name, {"activity_tracking": {"management_events": True}}, etag=etag)
    stale = api.patch_vault(name, {"metrics_monitoring": {"usage_metrics_enabled": True}}, etag=etag)
    region = api.patch_vault(name, {"region": "eu-de"})
    key = api.patch_vault(name, {"sse_kp_customer_root_key_crn": "crn:v1:x"})

    assert changed.status_code == 200 and changed.json()["activity_tracking"] == {"management_events": True}
    assert stale.status_code == 412
    assert region.status_code == 400 and key.status_code == 400
    after = api.get_vault(name).json()
    assert after["region"] == "us-south" and after["metrics_monitoring"] == {}


@pytest.mark.ledger("BKV-05")
def test_v5_region_and_root_key_are_checked(api):
    assert api.create_vault(vault_name(), region="mars-north").status_code == 400
    unknown_key = api.create_vault(vault_name(), sse_kp_customer_root_key_crn="crn:v1:bluemix:public:kms:x:key:nope")
    assert unknown_key.status_code == 400 and "Key CRN" in unknown_key.text


@pytest.mark.ledger("BKV-06")
def test_v6_vault_and_bucket_names_share_one_namespace(api, s3, bucket_name):
    taken = bucket_name()
    s3.create_bucket(Bucket=taken)
    name = vault_name()
    api.create_vault(name)

    assert api.create_vault(taken).status_code == 409
    assert api.create_vault(name).status_code == 409


@pytest.mark.ledger("BKV-07")
def test_v7_an_empty_vault_is_deleted_one_with_ranges_is_409(api, s3, bucket_name):
    empty = vault_name()
    api.create_vault(empty)
    assert api.delete_vault(empty).status_code == 204
    assert api.get_vault(empty).status_code == 404

    full = vault_name()
    crn = api.create_vault(full).json()["crn"]
    bucket = bucket_name()
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    policy = api.create_policy(bucket, "p", crn).json()
    api.delete_policy(bucket, policy["policy_id"])  # the range stays: backups outlive their policy

    refused = api.delete_vault(full)

    assert refused.status_code == 409 and "recovery range" in refused.text
    assert api.get_vault(full).status_code == 200


@pytest.mark.ledger("BKR-05", "BKV-08")
def test_v8_bytes_used_counts_the_backed_up_versions(api, s3, bucket_name):
    name = vault_name()
    crn = api.create_vault(name).json()["crn"]
    bucket = bucket_name()
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=bucket, Key="a", Body=b"12345")
    policy = api.create_policy(bucket, "p", crn).json()
    api.wait_active(bucket, policy["policy_id"])
    s3.put_object(Bucket=bucket, Key="a", Body=b"123")
    api.list_ranges(name)  # a read brings the sync up to now

    assert api.get_vault(name).json()["bytes_used"] == 8


@pytest.mark.ledger("BKV-09")
def test_v9_bearer_tokens_only(api, env):
    response = api.session.get(f"{api.base}/backup_vaults", params={"service_instance_id": api.instance},
                               headers={"Authorization": "AWS4-HMAC-SHA256 Credential=x"}, verify=api.verify)
    assert response.status_code == 401
