"""cos_backup_policy and cos_recovery_range against the local stack: every step's calls counted,
what COS holds afterwards read independently."""
from __future__ import annotations

import uuid

import pytest

from backup_support import BackupReader, run_steps, stack_with
from cos_stack.admin import StackAdmin


@pytest.fixture(scope="module")
def reader(cos_env):
    return BackupReader(cos_env)


@pytest.fixture
def vault(ansible):
    name = f"it-vault-{uuid.uuid4().hex[:8]}"
    assert ansible.module("cos_backup_vault", {"name": name, "region": "us-south"})["_status"] == "ok"
    return name


@pytest.fixture
def versioned(s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    s3.put_bucket_versioning(Bucket=bucket_name, VersioningConfiguration={"Status": "Enabled"})
    return bucket_name


def policy(bucket, vault, **extra):
    return dict({"bucket": bucket, "name": "protect", "vault": vault, "delete_after_days": 30}, **extra)


def test_policy_create_rerun_check_mode_diff_and_removal(ansible, cos_env, stack, reader, versioned, vault):
    steps = run_steps(ansible, cos_env, stack, [
        ("cos_backup_policy", policy(versioned, vault), {"check_mode": True, "diff": True}),
        ("cos_backup_policy", policy(versioned, vault, wait=True, poll_interval=0.2), {}),
        ("cos_backup_policy", policy(versioned, vault), {}),
    ])
    (check, _, check_writes), (create, create_ops, create_writes), (rerun, rerun_ops, rerun_writes) = steps

    assert check["changed"] and check_writes == {}
    assert check["diff"]["before"] == {} and check["diff"]["after"]["initial_retention"] == {"delete_after_days": 30}
    assert create["changed"] and create_writes == {"CreateBackupPolicy": 1}
    assert create["backup_policy"]["policy_status"] == "active" and not create["replaced"]
    assert create_ops["ListBackupPolicies"] >= 2  # the initial sync was followed
    assert not rerun["changed"] and rerun_writes == {}
    assert rerun_ops == {"ListBackupPolicies": 1, "GetBackupVault": 1}
    [held] = reader.policies(versioned)
    assert held["policy_name"] == "protect" and held["policy_status"] == "active"
    assert held["target_backup_vault_crn"] == reader.vault(vault)["crn"]

    gone = run_steps(ansible, cos_env, stack, [
        ("cos_backup_policy", {"bucket": versioned, "name": "protect", "state": "absent"}, {"check_mode": True}),
        ("cos_backup_policy", {"bucket": versioned, "name": "protect", "state": "absent"}, {"diff": True}),
        ("cos_backup_policy", {"bucket": versioned, "name": "protect", "state": "absent"}, {}),
    ])
    assert gone[0][0]["changed"] and gone[0][2] == {}
    assert gone[1][0]["changed"] and gone[1][2] == {"DeleteBackupPolicy": 1} and gone[1][0]["diff"]["after"] == {}
    assert not gone[2][0]["changed"] and gone[2][2] == {}
    assert reader.policies(versioned) == []
    assert len(reader.ranges(vault)) == 1  # the backups made so far stay


def test_a_changed_policy_is_replaced_only_when_asked(ansible, cos_env, stack, reader, versioned, vault):
    ansible.module("cos_backup_policy", policy(versioned, vault, wait=True, poll_interval=0.2))
    first_id = reader.policies(versioned)[0]["policy_id"]

    refused, check, replaced, rerun = run_steps(ansible, cos_env, stack, [
        ("cos_backup_policy", policy(versioned, vault, delete_after_days=60), {}),
        ("cos_backup_policy", policy(versioned, vault, delete_after_days=60, replace=True), {"check_mode": True}),
        ("cos_backup_policy", policy(versioned, vault, delete_after_days=60, replace=True), {"diff": True}),
        ("cos_backup_policy", policy(versioned, vault, delete_after_days=60, replace=True), {}),
    ])

    assert refused[0]["_status"] == "failed" and refused[2] == {}
    assert "initial_retention is {'delete_after_days': 30}" in refused[0]["msg"]
    assert "new recovery range" in refused[0]["msg"] and "restarts from now" in refused[0]["msg"]
    assert "replace: true" in refused[0]["msg"]
    assert check[0]["changed"] and check[2] == {}
    assert replaced[0]["changed"] and replaced[0]["replaced"]
    assert replaced[2] == {"DeleteBackupPolicy": 1, "CreateBackupPolicy": 1}
    assert replaced[0]["diff"]["before"]["initial_retention"] == {"delete_after_days": 30}
    assert replaced[0]["diff"]["after"]["initial_retention"] == {"delete_after_days": 60}
    assert not rerun[0]["changed"] and rerun[2] == {}
    [held] = reader.policies(versioned)
    assert held["policy_id"] != first_id and held["initial_retention"] == {"delete_after_days": 60}


def test_refusals_before_any_write(ansible, cos_env, stack, reader, s3, bucket_name, versioned, vault):
    plain = f"{bucket_name}-plain"
    s3.create_bucket(Bucket=plain)
    try:
        steps = run_steps(ansible, cos_env, stack, [
            ("cos_backup_policy", policy(plain, vault), {}),
            ("cos_backup_policy", policy(versioned, "no-such-vault"), {}),
            ("cos_backup_policy", {"bucket": versioned, "name": "p", "vault": vault}, {}),
            ("cos_backup_policy", policy(versioned, vault, delete_after_days=0), {}),
            ("cos_backup_policy", policy(versioned, vault, name="first"), {}),
            ("cos_backup_policy", policy(versioned, vault, name="second"), {}),
        ])
        plain_policies = reader.policies(plain)
    finally:
        s3.delete_bucket(Bucket=plain)
    (unversioned, _, w1), (no_vault, _, w2), (no_days, ops3, _), (bad_days, ops4, _), (first, _, _), (second, _, w6) = steps

    assert unversioned["_status"] == "failed"
    assert "versioning Off" in unversioned["msg"] and w1 == {} and plain_policies == []
    assert no_vault["_status"] == "failed" and "'no-such-vault' does not exist" in no_vault["msg"] and w2 == {}
    assert no_days["_status"] == "failed" and "delete_after_days is needed" in no_days["msg"] and ops3 == {}
    assert bad_days["_status"] == "failed" and "from 1 to 36500" in bad_days["msg"] and ops4 == {}
    assert first["_status"] == "ok"
    assert second["_status"] == "failed" and "through policy 'first'" in second["msg"] and w6 == {}


def test_recovery_range_retention_changes_once(ansible, cos_env, stack, reader, versioned, vault):
    ansible.module("cos_backup_policy", policy(versioned, vault, wait=True, poll_interval=0.2))
    retention = {"vault": vault, "bucket": versioned, "delete_after_days": 90}

    check, change, rerun = run_steps(ansible, cos_env, stack, [
        ("cos_recovery_range", retention, {"check_mode": True, "diff": True}),
        ("cos_recovery_range", retention, {}),
        ("cos_recovery_range", retention, {}),
    ])

    range_id = reader.ranges(vault)[0]["recovery_range_id"]
    assert check[0]["changed"] and check[2] == {}
    assert check[0]["diff"] == {"before": {range_id: 30}, "after": {range_id: 90}}
    assert change[0]["changed"] and change[2] == {"PatchSourceResourceRecoveryRange": 1}
    assert change[0]["recovery_ranges"][0]["retention"] == {"delete_after_days": 90}
    assert not rerun[0]["changed"] and rerun[2] == {}
    assert rerun[1] == {"GetBackupVault": 1, "config_get": 1, "ListRecoveryRanges": 1}
    assert reader.ranges(vault)[0]["retention"] == {"delete_after_days": 90}


def test_recovery_range_refusals_write_nothing(ansible, cos_env, stack, reader, versioned, vault):
    ansible.module("cos_backup_policy", policy(versioned, vault, wait=True, poll_interval=0.2))
    retention = {"vault": vault, "bucket": versioned, "delete_after_days": 60}

    (no_vault, _, w1), (no_range, _, w2), (unprotected, _, w3) = run_steps(ansible, cos_env, stack, [
        ("cos_recovery_range", dict(retention, vault="it-vault-missing"), {}),
        ("cos_recovery_range", dict(retention, recovery_range_id="no-such-range"), {}),
        ("cos_recovery_range", dict(retention, bucket=f"{versioned}-x"[:63]), {}),
    ])

    assert no_vault["_status"] == "failed" and "'it-vault-missing' does not exist" in no_vault["msg"] and w1 == {}
    assert no_range["_status"] == "failed" and "holds no recovery range 'no-such-range'" in no_range["msg"]
    assert w2 == {}
    assert unprotected["_status"] == "failed" and w3 == {}, unprotected
    assert [r["retention"] for r in reader.ranges(vault)] == [{"delete_after_days": 30}]


def test_a_missing_authorization_is_named(ansible, tmp_path):
    """On a stack where the instance's buckets may not write into its vaults."""
    with stack_with(tmp_path, {"authorizations": []}, ansible) as env:
        stack, reader = StackAdmin.from_env(env), BackupReader(env)
        setup = run_steps(ansible, env, stack, [
            ("cos_bucket", {"name": "unauthorized", "versioning": True}, {}),
            ("cos_backup_vault", {"name": "locked-vault", "region": "us-south"}, {}),
        ])
        assert all(result["_status"] == "ok" for result, _, _ in setup)
        [(refused, _, refused_writes)] = run_steps(ansible, env, stack, [
            ("cos_backup_policy", policy("unauthorized", "locked-vault"), {})])
        held = reader.policies("unauthorized")

    assert refused["_status"] == "failed" and held == []
    assert refused_writes == {"CreateBackupPolicy": 1}  # COS is the one that knows; it said no
    assert "service-to-service authorization" in refused["msg"]
    assert "cloud-object-storage.backup-vault.sync" in refused["msg"]
