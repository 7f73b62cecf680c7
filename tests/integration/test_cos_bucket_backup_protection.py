"""cos_bucket on a bucket with a backup policy: COS refuses to delete it or suspend its versioning
(bvm-configure.md, bvm-faq.md), so the module refuses first, naming the policies, and reads them only
when a task would delete the bucket or suspend versioning. Every step's calls are counted; what COS
holds afterwards is read independently."""
from __future__ import annotations

import uuid

import pytest

from backup_support import BackupReader, run_steps, stack_with
from cos_stack.admin import StackAdmin
from harness import hmac_client

POLICY_READ = {"ListBackupPolicies": 1}


def protect(ansible, bucket, vault, policy="keep"):
    """A versioned bucket holding two objects, backed up into `vault` by an active policy."""
    assert ansible.module("cos_bucket", {"name": bucket, "versioning": True})["_status"] == "ok"
    for key in ("a.txt", "b.txt"):
        assert ansible.module("cos_object", {"bucket": bucket, "key": key, "content": key})["_status"] == "ok"
    assert ansible.module("cos_backup_vault", {"name": vault, "region": "us-south"})["_status"] == "ok"
    assert ansible.module("cos_backup_policy", {"bucket": bucket, "name": policy, "vault": vault,
                                                "delete_after_days": 7, "wait": True,
                                                "poll_interval": 0.2})["_status"] == "ok"


def objects(s3, bucket):
    listing = s3.list_object_versions(Bucket=bucket)
    return sorted(v["Key"] for v in listing.get("Versions", []))


@pytest.fixture
def vault():
    return f"it-vault-{uuid.uuid4().hex[:8]}"


def test_a_bucket_with_a_backup_policy_is_neither_deleted_nor_emptied_nor_unversioned(
        ansible, cos_env, stack, s3, bucket_name, vault):
    protect(ansible, bucket_name, vault)
    hmac = {"hmac_access_key_id": cos_env["IBM_COS_HMAC_ACCESS_KEY_ID"],
            "hmac_secret_access_key": cos_env["IBM_COS_HMAC_SECRET_ACCESS_KEY"]}
    absent = {"name": bucket_name, "state": "absent"}
    steps = run_steps(ansible, cos_env, stack, [
        ("cos_bucket", absent, {"check_mode": True, "diff": True}),
        ("cos_bucket", absent, {}),
        ("cos_bucket", dict(absent, force=True), {}),
        ("cos_bucket", {"name": bucket_name, "versioning": False}, {"check_mode": True, "diff": True}),
        ("cos_bucket", {"name": bucket_name, "versioning": False}, {}),
        ("cos_bucket", dict(absent, **hmac), {}),
    ])
    *refused, (by_hmac, hmac_ops, hmac_writes) = steps

    for result, _, step_writes in refused:
        assert result["_status"] == "failed", result
        assert "backup policy: 'keep'" in result["msg"] and repr(vault) in result["msg"], result["msg"]
        assert "cos_backup_policy" in result["msg"] and step_writes == {}
    for result, ops, _ in refused[:3]:
        assert "refuses to delete a bucket" in result["msg"]
        assert ops == {"HeadBucket": 1, **POLICY_READ}
    for result, ops, _ in refused[3:]:
        assert "refuses to suspend versioning" in result["msg"]
        # replication is checked first (an S3 read), then the policies
        assert ops == {"HeadBucket": 1, "GetBucketVersioning": 1, "GetBucketReplication": 1, **POLICY_READ}
    # HMAC keys cannot list policies: COS's own refusal (409, no documented code) is explained.
    assert by_hmac["_status"] == "failed" and "could not be read (HMAC keys" in by_hmac["msg"], by_hmac
    assert "409" in by_hmac["msg"] and "ListBackupPolicies" not in hmac_ops
    assert hmac_writes == {"DeleteBucket": 1}  # the refused call

    assert objects(s3, bucket_name) == ["a.txt", "b.txt"]
    assert s3.get_bucket_versioning(Bucket=bucket_name)["Status"] == "Enabled"
    assert [p["policy_name"] for p in BackupReader(cos_env).policies(bucket_name)] == ["keep"]

    released = run_steps(ansible, cos_env, stack, [
        ("cos_backup_policy", {"bucket": bucket_name, "name": "keep", "state": "absent"}, {}),
        ("cos_bucket", dict(absent, force=True), {}),
        ("cos_bucket", absent, {}),
    ])
    (policy_gone, _, _), (deleted, deleted_ops, deleted_writes), (rerun, rerun_ops, rerun_writes) = released
    assert policy_gone["changed"] and deleted["changed"], deleted
    assert deleted_ops["ListBackupPolicies"] == 1
    assert deleted_writes == {"DeleteObjects": 1, "DeleteBucket": 1}
    assert bucket_name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert rerun["changed"] is False and rerun_writes == {} and rerun_ops == {"HeadBucket": 1}


def test_ordinary_runs_read_no_backup_policies(ansible, cos_env, stack, s3, bucket_name):
    steps = run_steps(ansible, cos_env, stack, [
        ("cos_bucket", {"name": bucket_name, "versioning": True}, {}),
        ("cos_bucket", {"name": bucket_name, "versioning": True}, {}),
        ("cos_bucket", {"name": bucket_name, "versioning": False}, {}),
        ("cos_bucket", {"name": bucket_name, "versioning": False}, {}),
    ])
    (created, created_ops, _), (again, again_ops, again_writes), (suspended, suspended_ops, suspended_writes), \
        (still, still_ops, still_writes) = steps

    assert created["changed"] and "ListBackupPolicies" not in created_ops
    assert not again["changed"] and again_writes == {} and "ListBackupPolicies" not in again_ops
    # Suspending versioning reads the policies once (there are none), then writes.
    assert suspended["changed"] and suspended_ops["ListBackupPolicies"] == 1
    assert suspended_writes == {"PutBucketVersioning": 1}
    assert not still["changed"] and still_writes == {} and "ListBackupPolicies" not in still_ops
    assert s3.get_bucket_versioning(Bucket=bucket_name)["Status"] == "Suspended"


def test_a_refusal_cos_gives_after_an_unreadable_policy_list_names_the_policies(ansible, tmp_path):
    with stack_with(tmp_path, {}, ansible) as env:
        stack = StackAdmin.from_env(env)
        protect(ansible, "guarded", "guard-vault", policy="nightly")
        stack.set_fault("ListBackupPolicies", status=412, count=1)  # the first read fails, the next works
        [(refused, ops, step_writes)] = run_steps(ansible, env, stack, [
            ("cos_bucket", {"name": "guarded", "state": "absent"}, {})])

        assert refused["_status"] == "failed", refused
        assert "backup policy: 'nightly'" in refused["msg"] and "'guard-vault'" in refused["msg"]
        assert ops["ListBackupPolicies"] == 2 and step_writes == {"DeleteBucket": 1}
        assert [o["Key"] for o in hmac_client(env).list_objects_v2(Bucket="guarded")["Contents"]] == ["a.txt", "b.txt"]
