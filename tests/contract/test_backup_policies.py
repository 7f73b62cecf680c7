"""Backup policies and recovery ranges (tests/cos_stack/backup/LEDGER.md rows P1-P9, R1-R6)."""

import json
import secrets
import time

import pytest
from ibm_botocore.exceptions import ClientError

from backup_client import BackupClient, api  # noqa: F401  (fixture)
from cos_clients import iam_token, oauth_client
from private_stack import PrivateStack

pytestmark = pytest.mark.stack_only


@pytest.fixture
def vault(api):
    def make():
        return api.create_vault(f"cv-{secrets.token_hex(5)}").json()
    return make


@pytest.mark.ledger("BKP-01")
def test_p1_create_answers_a_pending_policy_with_an_id(api, versioned, vault):
    bucket, target = versioned(), vault()

    response = api.create_policy(bucket, "nightly", target["crn"], days=30)

    assert response.status_code == 201, response.text
    policy = response.json()
    assert policy["policy_id"] and policy["policy_status"] == "pending"
    assert policy["initial_retention"] == {"delete_after_days": 30}
    assert policy["backup_type"] == "continuous" and policy["target_backup_vault_crn"] == target["crn"]
    [listed] = api.list_policies(bucket).json()["backup_policies"]
    assert listed["policy_id"] == policy["policy_id"] and listed["policy_name"] == "nightly"


@pytest.mark.ledger("BKP-02")
def test_p2_status_moves_from_pending_through_initializing_to_active(api, versioned, vault):
    bucket = versioned()
    policy = api.create_policy(bucket, "p", vault()["crn"]).json()

    seen = api.wait_active(bucket, policy["policy_id"])

    statuses = [status for status, _ in seen]
    assert statuses[-1] == "active" and "initializing" in statuses
    progress = [p for status, p in seen if status == "initializing"]
    assert progress == sorted(progress) and all(0 <= p <= 100 for p in progress)
    assert [p for status, p in seen if status == "active"] == [None]  # reported only while syncing


@pytest.mark.ledger("BKP-03")
def test_p3_versioning_is_required(api, s3, bucket_name, vault):
    bucket = bucket_name()
    s3.create_bucket(Bucket=bucket)

    response = api.create_policy(bucket, "p", vault()["crn"])

    assert response.status_code == 409 and "Versioning" in response.text
    assert api.list_policies(bucket).json()["backup_policies"] == []


@pytest.mark.ledger("BKP-04")
def test_p4_type_and_retention_are_checked(api, versioned, vault):
    bucket, target = versioned(), vault()
    assert api.create_policy(bucket, "p", target["crn"], backup_type="periodic").status_code == 400
    assert api.create_policy(bucket, "p", target["crn"], days=0).status_code == 400
    assert api.create_policy(bucket, "p", target["crn"], days=36501).status_code == 400
    assert api.create_policy(bucket, "p", target["crn"], days=36500).status_code == 201


@pytest.mark.ledger("BKP-05")
def test_p5_three_policies_per_bucket_each_into_its_own_vault(api, versioned, vault):
    bucket = versioned()
    vaults = [vault() for _ in range(4)]
    for index in range(3):
        assert api.create_policy(bucket, f"p{index}", vaults[index]["crn"]).status_code == 201

    same_vault = api.create_policy(bucket, "again", vaults[0]["crn"])
    fourth = api.create_policy(bucket, "p3", vaults[3]["crn"])

    assert same_vault.status_code == 409
    assert fourth.status_code == 400
    assert len(api.list_policies(bucket).json()["backup_policies"]) == 3


@pytest.mark.ledger("BKP-07")
def test_p7_there_is_no_update_call(api, versioned, vault):
    bucket = versioned()
    policy = api.create_policy(bucket, "p", vault()["crn"]).json()
    path = f"/buckets/{bucket}/backup_policies/{policy['policy_id']}"

    for method in ("PUT", "PATCH"):
        assert api.call(method, path, json={"initial_retention": {"delete_after_days": 9}}).status_code == 404


@pytest.mark.ledger("BKP-08")
def test_p8_deleting_a_policy_keeps_its_recovery_range(api, versioned, vault):
    bucket, target = versioned(), vault()
    policy = api.create_policy(bucket, "p", target["crn"]).json()
    api.wait_active(bucket, policy["policy_id"])

    assert api.delete_policy(bucket, policy["policy_id"]).status_code == 204

    assert api.list_policies(bucket).json()["backup_policies"] == []
    assert len(api.list_ranges(target["backup_vault_name"]).json()["recovery_ranges"]) == 1


@pytest.mark.ledger("BKP-09")
def test_p9_an_unknown_vault_crn_is_404(api, versioned):
    bucket = versioned()
    response = api.create_policy(bucket, "p", "crn:v1:bluemix:public:cloud-object-storage:global:a/x:y:backup-vault:nope")
    assert response.status_code == 404


@pytest.mark.ledger("BKR-01", "BKR-02")
def test_r1_r2_a_range_appears_when_the_initial_sync_ends_and_its_end_moves_on(api, versioned, vault):
    bucket, target = versioned(), vault()
    name = target["backup_vault_name"]
    policy = api.create_policy(bucket, "p", target["crn"], days=12).json()
    assert api.list_ranges(name).json()["recovery_ranges"] == []  # pending: not visible yet

    api.wait_active(bucket, policy["policy_id"])
    [first] = api.list_ranges(name).json()["recovery_ranges"]
    time.sleep(0.3)
    [later] = api.list_ranges(name).json()["recovery_ranges"]

    assert first["backup_policy_name"] == "p" and first["retention"] == {"delete_after_days": 12}
    assert first["source_resource_crn"].endswith(f":bucket:{bucket}")
    assert first["range_start_time"] <= first["range_end_time"] < later["range_end_time"]
    assert later["range_start_time"] == first["range_start_time"]


@pytest.mark.ledger("BKR-03")
def test_r3_ranges_filter_by_source_and_latest(api, versioned, vault):
    target = vault()
    name = target["backup_vault_name"]
    one, two = versioned(), versioned()
    for bucket in (one, two):
        api.wait_active(bucket, api.create_policy(bucket, "p", target["crn"]).json()["policy_id"])
    crn_one = api.list_ranges(name).json()["recovery_ranges"][0]["source_resource_crn"]

    only_one = api.list_ranges(name, source_resource_crn=crn_one).json()["recovery_ranges"]

    assert [r["source_resource_crn"] for r in only_one] == [crn_one]
    assert len(api.list_ranges(name, latest="TRUE").json()["recovery_ranges"]) == 2
    assert api.list_ranges(name, latest="maybe").status_code == 400


@pytest.mark.ledger("BKR-04")
def test_r4_only_the_retention_of_a_range_changes(api, versioned, vault):
    bucket, target = versioned(), vault()
    name = target["backup_vault_name"]
    api.wait_active(bucket, api.create_policy(bucket, "p", target["crn"]).json()["policy_id"])
    [found] = api.list_ranges(name).json()["recovery_ranges"]

    changed = api.patch_range(name, found["recovery_range_id"], {"retention": {"delete_after_days": 45}})
    other = api.patch_range(name, found["recovery_range_id"], {"range_start_time": "2020-01-01T00:00:00Z"})
    too_short = api.patch_range(name, found["recovery_range_id"], {"retention": {"delete_after_days": 0}})

    assert changed.status_code == 200 and changed.json()["retention"] == {"delete_after_days": 45}
    assert other.status_code == 400 and too_short.status_code == 400
    assert api.list_ranges(name).json()["recovery_ranges"][0]["retention"] == {"delete_after_days": 45}


@pytest.fixture(scope="module")
def unauthorized_stack(tmp_path_factory):
    """A stack where the instance's buckets may not write into the instance's vaults."""
    directory = tmp_path_factory.mktemp("backup-stack")
    config = directory / "config.json"
    config.write_text(json.dumps({"backup": {"authorizations": [
        ["d6f04d83-6c4f-4a62-a165-696756d63903", "no-such-instance"]]}}))
    with PrivateStack(directory / "stack", config=config).running() as env:
        yield env


@pytest.mark.ledger("BKP-06")
def test_p6_without_the_bucket_to_vault_authorization_creation_is_403(unauthorized_stack):
    env = unauthorized_stack
    api, s3 = BackupClient(env, iam_token(env)), oauth_client(env)
    s3.create_bucket(Bucket="unauthorized")
    s3.put_bucket_versioning(Bucket="unauthorized", VersioningConfiguration={"Status": "Enabled"})
    crn = api.create_vault("unauthorized-vault").json()["crn"]

    response = api.create_policy("unauthorized", "p", crn)

    assert response.status_code == 403 and "backup-vault.sync" in response.text
    assert api.list_policies("unauthorized").json()["backup_policies"] == []


@pytest.mark.ledger("BKR-06")
def test_r6_a_range_without_policy_is_gone_once_its_retention_passes(tmp_path_factory):
    directory = tmp_path_factory.mktemp("backup-expiry")
    (directory / "config.json").write_text(json.dumps({"backup": {"day_seconds": 0.5}}))
    with PrivateStack(directory / "stack", config=directory / "config.json").running() as env:
        api, s3 = BackupClient(env, iam_token(env)), oauth_client(env)
        s3.create_bucket(Bucket="expiring")
        s3.put_bucket_versioning(Bucket="expiring", VersioningConfiguration={"Status": "Enabled"})
        crn = api.create_vault("expiring-vault").json()["crn"]
        policy = api.create_policy("expiring", "p", crn, days=1).json()
        api.wait_active("expiring", policy["policy_id"])
        api.delete_policy("expiring", policy["policy_id"])
        assert api.delete_vault("expiring-vault").status_code == 409

        time.sleep(0.8)

        assert api.list_ranges("expiring-vault").json()["recovery_ranges"] == []
        assert api.delete_vault("expiring-vault").status_code == 204


@pytest.mark.ledger("BKP-11")
def test_p11_a_bucket_with_a_policy_cannot_be_deleted(api, s3, bucket_name, vault):
    bucket, target = bucket_name(), vault()
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    policy = api.create_policy(bucket, "keep", target["crn"]).json()

    with pytest.raises(ClientError) as refused:
        s3.delete_bucket(Bucket=bucket)

    error = refused.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert error["Error"]["Code"] == "InvalidBucketState" and "keep" in error["Error"]["Message"]
    s3.head_bucket(Bucket=bucket)
    assert [p["policy_name"] for p in api.list_policies(bucket).json()["backup_policies"]] == ["keep"]
    assert api.delete_policy(bucket, policy["policy_id"]).status_code == 204
    s3.delete_bucket(Bucket=bucket)  # allowed once the policy is gone
    with pytest.raises(ClientError):
        s3.head_bucket(Bucket=bucket)


@pytest.mark.ledger("BKP-12")
def test_p12_versioning_cannot_be_suspended_under_a_policy(api, s3, versioned, vault):
    bucket, target = versioned(), vault()
    policy = api.create_policy(bucket, "keep", target["crn"]).json()

    with pytest.raises(ClientError) as refused:
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})

    error = refused.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert error["Error"]["Code"] == "InvalidBucketState" and "keep" in error["Error"]["Message"]
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})  # a no-op is fine
    api.delete_policy(bucket, policy["policy_id"])
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Suspended"
