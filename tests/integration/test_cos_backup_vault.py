"""cos_backup_vault and cos_backup_vault_info against the local stack: every step's calls counted,
what COS holds afterwards read independently."""
from __future__ import annotations

import uuid

import pytest

from backup_support import BackupReader, run_steps, stack_with
from cos_stack.admin import StackAdmin


@pytest.fixture
def vault_name():
    return f"it-vault-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def reader(cos_env):
    return BackupReader(cos_env)


def test_vault_lifecycle_check_mode_diff_rerun_change_and_removal(ansible, cos_env, stack, reader, vault_name):
    base = {"name": vault_name, "region": "us-south", "key_protect_root_key_crn": cos_env["IBM_KP_ROOT_KEY_CRN"],
            "metrics_monitoring": {"usage_metrics_enabled": True}}
    tracked = dict(base, activity_tracking={"management_events": True})
    steps = run_steps(ansible, cos_env, stack, [
        ("cos_backup_vault", base, {"check_mode": True, "diff": True}),
        ("cos_backup_vault", base, {}),
        ("cos_backup_vault", base, {}),
        ("cos_backup_vault", tracked, {"check_mode": True, "diff": True}),
        ("cos_backup_vault", tracked, {"diff": True}),
        ("cos_backup_vault", tracked, {}),
    ])
    (check, check_ops, check_writes), (create, _, create_writes), (rerun, rerun_ops, rerun_writes) = steps[:3]
    (change_check, _, change_check_writes), (change, _, change_writes), (again, _, again_writes) = steps[3:]

    assert check["changed"] and check_writes == {} and check_ops == {"GetBackupVault": 1}
    assert check["diff"]["before"] == {} and check["diff"]["after"]["region"] == "us-south"
    assert create["changed"] and create_writes == {"CreateBackupVault": 1}
    assert create["backup_vault"]["crn"].endswith(f":backup-vault:{vault_name}")
    assert not rerun["changed"] and rerun_writes == {} and rerun_ops == {"GetBackupVault": 1}
    assert change_check["changed"] and change_check_writes == {}
    assert change_check["diff"] == {"before": {"activity_tracking": {"management_events": False}},
                                    "after": {"activity_tracking": {"management_events": True}}}
    assert change["changed"] and change_writes == {"UpdateBackupVault": 1}
    assert not again["changed"] and again_writes == {}
    held = reader.vault(vault_name)
    assert held["activity_tracking"] == {"management_events": True}
    assert held["metrics_monitoring"] == {"usage_metrics_enabled": True}
    assert held["sse_kp_customer_root_key_crn"] == cos_env["IBM_KP_ROOT_KEY_CRN"]

    gone = run_steps(ansible, cos_env, stack, [
        ("cos_backup_vault", {"name": vault_name, "state": "absent"}, {"check_mode": True, "diff": True}),
        ("cos_backup_vault", {"name": vault_name, "state": "absent"}, {}),
        ("cos_backup_vault", {"name": vault_name, "state": "absent"}, {}),
    ])
    (absent_check, _, absent_check_writes), (absent, _, absent_writes), (absent_again, _, again_writes) = gone
    assert absent_check["changed"] and absent_check_writes == {}
    assert absent_check["diff"]["after"] == {} and absent_check["diff"]["before"]["backup_vault_name"] == vault_name
    assert absent["changed"] and absent_writes == {"DeleteBackupVault": 1} and absent["recovery_ranges"] == []
    assert not absent_again["changed"] and again_writes == {}
    assert reader.vault(vault_name) is None


def test_region_and_key_cannot_change_and_nothing_is_written(ansible, cos_env, stack, reader, vault_name):
    ansible.module("cos_backup_vault", {"name": vault_name, "region": "us-south"})
    steps = run_steps(ansible, cos_env, stack, [
        ("cos_backup_vault", {"name": vault_name, "region": "eu-de"}, {}),
        ("cos_backup_vault", {"name": vault_name, "key_protect_root_key_crn": cos_env["IBM_KP_ROOT_KEY_CRN"]}, {}),
        ("cos_backup_vault", {"name": f"{vault_name}-new"}, {}),
    ])
    (region, _, region_writes), (key, _, key_writes), (no_region, no_region_ops, _) = steps

    assert region["_status"] == "failed" and region_writes == {}
    assert "region is 'us-south', the task wants 'eu-de'" in region["msg"] and "only when a vault is created" in region["msg"]
    assert key["_status"] == "failed" and key_writes == {} and "key_protect_root_key_crn is ''" in key["msg"]
    assert no_region["_status"] == "failed" and "region is needed" in no_region["msg"]
    assert no_region_ops == {"GetBackupVault": 1}
    assert reader.vault(vault_name)["region"] == "us-south"


def test_bad_input_is_refused_before_any_call(ansible, cos_env, stack):
    steps = run_steps(ansible, cos_env, stack, [
        ("cos_backup_vault", {"name": "Bad_Name"}, {}),
        ("cos_backup_vault_info", {"bucket": "b"}, {}),
    ])
    assert steps[0][0]["_status"] == "failed" and "backup vault name" in steps[0][0]["msg"] and steps[0][1] == {}
    assert steps[1][0]["_status"] == "failed" and "recovery_ranges" in steps[1][0]["msg"] and steps[1][1] == {}


def test_info_lists_vaults_with_usage_and_a_bucket_ranges(ansible, cos_env, stack, s3, bucket_name, vault_name):
    s3.create_bucket(Bucket=bucket_name)
    s3.put_bucket_versioning(Bucket=bucket_name, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=bucket_name, Key="k", Body=b"12345")
    ansible.module("cos_backup_vault", {"name": vault_name, "region": "us-south"})
    ansible.module("cos_backup_policy", {"bucket": bucket_name, "name": "p", "vault": vault_name,
                                         "delete_after_days": 3, "wait": True, "poll_interval": 0.2})

    [(listed, ops, listed_writes)] = run_steps(ansible, cos_env, stack, [
        ("cos_backup_vault_info", {"name": [vault_name, "no-such-vault"], "recovery_ranges": True,
                                   "bucket": bucket_name}, {}),
    ])

    assert not listed["changed"] and listed_writes == {}
    assert ops == {"ListBackupVaults": 1, "GetBackupVault": 1, "ListRecoveryRanges": 1, "config_get": 1}
    [vault] = listed["backup_vaults"]
    assert listed["missing"] == ["no-such-vault"]
    assert vault["backup_vault_name"] == vault_name and vault["bytes_used"] == 5
    [found] = vault["recovery_ranges"]
    assert found["source_resource_crn"].endswith(f":bucket:{bucket_name}")
    assert found["retention"] == {"delete_after_days": 3} and found["backup_policy_name"] == "p"


def test_a_vault_with_backups_is_kept_unless_forced_and_then_emptied(ansible, cos_env, tmp_path):
    """On a stack where a retention day lasts half a second, so the forced deletion can finish."""
    with stack_with(tmp_path, {"day_seconds": 0.5}, ansible) as env:
        stack, reader = StackAdmin.from_env(env), BackupReader(env)
        s3_setup = [("cos_bucket", {"name": "kept", "versioning": True}, {}),
                    ("cos_object", {"bucket": "kept", "key": "k", "content": "data"}, {}),
                    ("cos_backup_vault", {"name": "full-vault", "region": "us-south"}, {}),
                    ("cos_backup_policy", {"bucket": "kept", "name": "p", "vault": "full-vault",
                                           "delete_after_days": 30, "wait": True, "poll_interval": 0.2}, {})]
        assert all(r["_status"] == "ok" for r, _, _ in run_steps(ansible, env, stack, s3_setup))

        refused, forced, later = run_steps(ansible, env, stack, [
            ("cos_backup_vault", {"name": "full-vault", "state": "absent"}, {}),
            ("cos_backup_vault", {"name": "full-vault", "state": "absent", "force": True}, {}),
            ("cos_backup_vault_info", {"name": ["full-vault"], "recovery_ranges": True},
             {"retries": 20, "delay": 1, "until": "result.backup_vaults[0].recovery_ranges == []",
              "register": "result"}),
        ])
        final = run_steps(ansible, env, stack, [("cos_backup_vault", {"name": "full-vault", "state": "absent"}, {})])
        vault_left, policies_left = reader.vault("full-vault"), reader.policies("kept")

    assert refused[0]["_status"] == "failed" and refused[2] == {}
    assert "not empty" in refused[0]["msg"] and "bucket 'kept' (policy 'p'" in refused[0]["msg"]
    assert "force: true" in refused[0]["msg"] and len(refused[0]["recovery_ranges"]) == 1
    assert forced[0]["_status"] == "failed" and forced[0]["changed"]
    assert forced[2] == {"DeleteBackupPolicy": 1, "PatchSourceResourceRecoveryRange": 1, "DeleteBackupVault": 1}
    assert "run the task again" in forced[0]["msg"].lower()
    assert any("force gives up" in warning and "bucket 'kept'" in warning for warning in forced[0]["warnings"])
    assert later[0]["backup_vaults"][0]["recovery_ranges"] == []
    [(deleted, _, deleted_writes)] = final
    assert deleted["changed"] and deleted_writes == {"DeleteBackupVault": 1}
    assert vault_left is None and policies_left == []
