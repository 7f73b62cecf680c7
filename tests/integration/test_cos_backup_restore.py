"""cos_restore against the local stack: a bucket put back as it was at a noted time, every object's
bytes and versions compared; the same restore started once; waiting, polling and refusals."""
from __future__ import annotations

import datetime
import time
import uuid

import pytest

from backup_support import BackupReader, empty_and_delete, run_steps, stack_with
from cos_stack.admin import StackAdmin


@pytest.fixture(scope="module")
def reader(cos_env):
    return BackupReader(cos_env)


def versioned_bucket(s3, name):
    s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


@pytest.fixture
def protected(ansible, s3, bucket_name):
    """A versioned bucket backed up (policy active) into a new vault: (bucket, vault)."""
    vault = f"it-vault-{uuid.uuid4().hex[:8]}"
    versioned_bucket(s3, bucket_name)
    assert ansible.module("cos_backup_vault", {"name": vault, "region": "us-south"})["_status"] == "ok"
    assert ansible.module("cos_backup_policy", {"bucket": bucket_name, "name": "p", "vault": vault,
                                                "delete_after_days": 7, "wait": True,
                                                "poll_interval": 0.2})["_status"] == "ok"
    return bucket_name, vault


@pytest.fixture
def target(s3, bucket_name):
    name = versioned_bucket(s3, f"{bucket_name}-to")
    yield name
    empty_and_delete(s3, name)


def snapshot(s3, bucket):
    """Every version and delete marker: {key: [(version ID, is latest, ETag, last modified, bytes or None)]}."""
    listing = s3.list_object_versions(Bucket=bucket)
    found = {}
    for version in listing.get("Versions", []):
        body = s3.get_object(Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])["Body"].read()
        found.setdefault(version["Key"], []).append(
            (version["VersionId"], version["IsLatest"], version["ETag"], version["LastModified"], body))
    for marker in listing.get("DeleteMarkers", []):
        found.setdefault(marker["Key"], []).append(
            (marker["VersionId"], marker["IsLatest"], None, marker["LastModified"], None))
    return {key: sorted(versions, key=lambda v: v[0]) for key, versions in found.items()}


def current_only(state):
    """What a restore brings back: the version that was current for each key."""
    return {key: [v for v in versions if v[1]] for key, versions in state.items()}


def test_restore_puts_every_object_back_as_it_was_at_the_noted_time(ansible, cos_env, stack, s3, reader,
                                                                    protected, target):
    bucket, vault = protected
    for key, body in (("keep.txt", b"unchanged"), ("edit.txt", b"first draft"), ("drop.txt", b"to be deleted"),
                      ("wipe.txt", b"history an attacker erases"), ("dir/deep.bin", bytes(range(256)))):
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    s3.put_object(Bucket=bucket, Key="gone-already.txt", Body=b"x")
    s3.delete_object(Bucket=bucket, Key="gone-already.txt")
    time.sleep(0.1)
    noted = datetime.datetime.now(datetime.timezone.utc).isoformat()
    as_it_was = current_only(snapshot(s3, bucket))
    reader.ranges(vault)  # the backup has seen everything up to now (COS: within its RPO)
    time.sleep(0.1)
    s3.put_object(Bucket=bucket, Key="edit.txt", Body=b"second draft")
    s3.delete_object(Bucket=bucket, Key="drop.txt")
    wipe = s3.head_object(Bucket=bucket, Key="wipe.txt")["VersionId"]
    s3.delete_object(Bucket=bucket, Key="wipe.txt", VersionId=wipe)
    s3.put_object(Bucket=bucket, Key="new-later.txt", Body=b"after the noted time")
    restore = {"vault": vault, "bucket": bucket, "target_bucket": target, "point_in_time": noted, "poll_interval": 0.2}

    check, started, again = run_steps(ansible, cos_env, stack, [
        ("cos_restore", restore, {"check_mode": True, "diff": True}),
        ("cos_restore", restore, {"diff": True}),
        ("cos_restore", restore, {}),
    ])

    assert check[0]["changed"] and check[2] == {}
    assert check[0]["diff"]["after"]["target_resource_crn"].endswith(f":bucket:{target}")
    assert started[0]["changed"] and started[2] == {"CreateRestore": 1}
    assert started[0]["restore"]["restore_status"] == "complete"
    assert started[0]["progress"] == sorted(started[0]["progress"]) and started[0]["progress"][-1] == 100
    assert started[1]["GetRestore"] >= 2  # it waited, reading progress
    assert not again[0]["changed"] and again[2] == {}  # the same restore is not started twice
    assert again[0]["restore"]["restore_id"] == started[0]["restore"]["restore_id"]
    assert snapshot(s3, target) == as_it_was
    assert set(as_it_was) == {"keep.txt", "edit.txt", "drop.txt", "wipe.txt", "dir/deep.bin", "gone-already.txt"}
    assert as_it_was["gone-already.txt"][0][4] is None  # the delete marker that was current came back too
    [done] = reader.restores(vault)
    assert done["restore_status"] == "complete" and done["restore_id"] == started[0]["restore"]["restore_id"]


def test_in_place_into_the_bucket_itself_brings_back_erased_versions_and_keeps_newer_ones(
        ansible, cos_env, stack, s3, reader, protected):
    bucket, vault = protected
    old = s3.put_object(Bucket=bucket, Key="report.csv", Body=b"v1")["VersionId"]
    erased = s3.put_object(Bucket=bucket, Key="ledger.csv", Body=b"books")["VersionId"]
    time.sleep(0.1)
    noted = datetime.datetime.now(datetime.timezone.utc).isoformat()
    reader.ranges(vault)
    time.sleep(0.1)
    newer = s3.put_object(Bucket=bucket, Key="report.csv", Body=b"v2")["VersionId"]
    s3.delete_object(Bucket=bucket, Key="ledger.csv", VersionId=erased)

    [(restored, _, restored_writes)] = run_steps(ansible, cos_env, stack, [
        ("cos_restore", {"vault": vault, "bucket": bucket, "point_in_time": noted, "poll_interval": 0.2}, {})])

    assert restored["restore"]["restore_status"] == "complete" and restored_writes == {"CreateRestore": 1}
    ledger = s3.get_object(Bucket=bucket, Key="ledger.csv")
    assert (ledger["VersionId"], ledger["Body"].read()) == (erased, b"books")
    report = s3.list_object_versions(Bucket=bucket, Prefix="report.csv")["Versions"]
    assert {(v["VersionId"], v["IsLatest"]) for v in report} == {(newer, True), (old, False)}


def test_start_without_waiting_then_follow_by_id(ansible, cos_env, stack, s3, reader, protected, target):
    bucket, vault = protected
    s3.put_object(Bucket=bucket, Key="a", Body=b"a")
    reader.ranges(vault)
    noted = datetime.datetime.now(datetime.timezone.utc).isoformat()
    reader.ranges(vault)

    [(started, _, started_writes)] = run_steps(ansible, cos_env, stack, [
        ("cos_restore", {"vault": vault, "bucket": bucket, "target_bucket": target, "point_in_time": noted,
                         "wait": False}, {})])
    restore_id = started["restore"]["restore_id"]
    [(followed, _, followed_writes)] = run_steps(ansible, cos_env, stack, [
        ("cos_restore", {"vault": vault, "restore_id": restore_id, "poll_interval": 0.2}, {})])

    assert started["changed"] and started_writes == {"CreateRestore": 1}
    assert started["restore"]["restore_status"] in ("initializing", "running") and started["progress"] == []
    assert not followed["changed"] and followed_writes == {}
    assert followed["restore"]["restore_status"] == "complete"
    assert s3.get_object(Bucket=target, Key="a")["Body"].read() == b"a"


def test_a_restore_runs_as_an_async_task_followed_with_async_status(ansible, stack, s3, reader, protected, target):
    """async/poll 0: the module runs detached on the target with the token from the shared cache."""
    bucket, vault = protected
    s3.put_object(Bucket=bucket, Key="a", Body=b"async")
    reader.ranges(vault)
    noted = datetime.datetime.now(datetime.timezone.utc).isoformat()
    reader.ranges(vault)
    before = stack.counters()
    tasks = [
        {"name": "restore", "ibm.cos.cos_restore": {"vault": vault, "bucket": bucket, "target_bucket": target,
                                                     "point_in_time": noted, "poll_interval": 0.2},
         "async": 600, "poll": 0, "register": "restore"},
        {"name": "wait", "ansible.builtin.async_status": {"jid": "{{ restore.ansible_job_id }}"},
         "register": "done", "until": "done.finished", "retries": 300, "delay": 1},
    ]
    results = {r["_task"]: r for r in ansible.playbook(tasks)}
    assert results["restore"]["_status"] == "ok" and results["restore"].get("ansible_job_id"), results["restore"]
    done = results["wait"]
    assert done["_status"] == "ok" and done["finished"] and done["changed"], done.get("msg")
    assert done["restore"]["restore_status"] == "complete"
    assert stack.counters().get("CreateRestore", 0) - before.get("CreateRestore", 0) == 1
    assert s3.get_object(Bucket=target, Key="a")["Body"].read() == b"async"


def test_refusals_and_timeout(ansible, cos_env, stack, s3, reader, protected, bucket_name):
    bucket, vault = protected
    plain = f"{bucket_name}-plain"
    s3.create_bucket(Bucket=plain)
    reader.ranges(vault)
    inside = datetime.datetime.now(datetime.timezone.utc).isoformat()
    try:
        steps = run_steps(ansible, cos_env, stack, [
            ("cos_restore", {"vault": vault, "bucket": bucket, "point_in_time": "2001-01-01T00:00:00Z"}, {}),
            ("cos_restore", {"vault": vault, "bucket": bucket, "target_bucket": plain, "point_in_time": inside}, {}),
            ("cos_restore", {"vault": vault, "bucket": bucket, "point_in_time": "yesterday"}, {}),
            ("cos_restore", {"vault": vault, "bucket": bucket, "point_in_time": inside, "wait_timeout": 0}, {}),
        ])
    finally:
        s3.delete_bucket(Bucket=plain)
    (outside, _, w1), (unversioned, _, w2), (bad_time, ops3, _), (timeout, _, w4) = steps

    assert outside["_status"] == "failed" and "no recovery range" in outside["msg"] and w1 == {}
    assert unversioned["_status"] == "failed" and "versioning Off" in unversioned["msg"] and w2 == {}
    assert bad_time["_status"] == "failed" and "ISO 8601" in bad_time["msg"] and ops3 == {}
    assert timeout["_status"] == "failed" and "timed out" in timeout["msg"] and w4 == {"CreateRestore": 1}
    assert timeout["last_state"]["restore_id"] in timeout["msg"]  # to follow it with restore_id


def test_a_target_with_a_legacy_firewall_is_refused_before_any_write(ansible, cos_env, stack, s3, reader,
                                                                      protected, target):
    """bvm-restore.md "Target bucket configuration": no legacy firewall on the target."""
    bucket, vault = protected
    reader.ranges(vault)
    inside = datetime.datetime.now(datetime.timezone.utc).isoformat()
    walled = {"name": target, "firewall": {"allowed_ip": ["127.0.0.0/8"]}}
    restore = {"vault": vault, "bucket": bucket, "target_bucket": target, "point_in_time": inside}
    (walled_off, _, _), (refused, refused_ops, refused_writes), (_, _, _) = run_steps(ansible, cos_env, stack, [
        ("cos_bucket", walled, {}),
        ("cos_restore", restore, {}),
        ("cos_bucket", {"name": target, "firewall": {}}, {}),
    ])

    assert walled_off["changed"]
    assert refused["_status"] == "failed" and "legacy firewall" in refused["msg"], refused
    assert "127.0.0.0/8" in refused["msg"] and refused_writes == {}
    assert refused_ops["ListRecoveryRanges"] == 1
    assert reader.restores(vault) == []


def test_a_fourth_restore_at_once_is_refused(ansible, tmp_path):
    """On a stack whose restores take a minute, so three are still running."""
    with stack_with(tmp_path, {"restore_seconds": 60}, ansible) as env:
        stack = StackAdmin.from_env(env)
        setup = [("cos_bucket", {"name": name, "versioning": True}, {}) for name in ("src", "to-1", "to-2", "to-3", "to-4")]
        setup += [("cos_backup_vault", {"name": "busy-vault", "region": "us-south"}, {}),
                  ("cos_backup_policy", {"bucket": "src", "name": "p", "vault": "busy-vault", "delete_after_days": 1,
                                         "wait": True, "poll_interval": 0.2}, {})]
        assert all(result["_status"] == "ok" for result, _, _ in run_steps(ansible, env, stack, setup))
        noted = datetime.datetime.now(datetime.timezone.utc).isoformat()
        BackupReader(env).ranges("busy-vault")
        steps = run_steps(ansible, env, stack, [
            ("cos_restore", {"vault": "busy-vault", "bucket": "src", "target_bucket": target_name,
                             "point_in_time": noted, "wait": False}, {}) for target_name in ("to-1", "to-2", "to-3", "to-4")])
        running = BackupReader(env).restores("busy-vault")

    assert [result["_status"] for result, _, _ in steps] == ["ok", "ok", "ok", "failed"]
    assert "at most 3" in steps[3][0]["msg"] and steps[3][2] == {}
    assert len(running) == 3 and {r["restore_status"] for r in running} <= {"initializing", "running"}
