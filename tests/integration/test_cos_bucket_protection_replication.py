"""cos_bucket's replication rules (tag and And filters, priority, delete markers, destination by name
or CRN, Object Lock), the order of versioning and replication writes, the failure listing in
cos_bucket_info and cos_bucket_replication_reattempt, against the local stack."""
from __future__ import annotations

import pytest
from ibm_botocore.exceptions import ClientError

from cos_stack.admin import reads, writes
from harness import empty_and_delete_bucket
from test_cos_bucket_facets import counters_task, run_counted

REPLICATION_READS = {"HeadBucket": 1, "GetBucketReplication": 1}


@pytest.fixture
def pair(s3, bucket_name):
    """A versioned source and destination; returns (source, destination name, destination CRN)."""
    destination = bucket_name[:50] + "-dest"
    for name in (bucket_name, destination):
        s3.create_bucket(Bucket=name)
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    yield bucket_name, destination
    empty_and_delete_bucket(s3, destination)


def crn_of(cos_env, bucket):
    return f"{cos_env['IBM_COS_INSTANCE_CRN'].rstrip(':')}:bucket:{bucket}"


def rules(destination):
    return [{"id": "acme", "destination_bucket": destination, "priority": 20, "tags": {"Client": "ACME"},
             "delete_marker_replication": True},
            {"id": "project-a", "destination_bucket": destination, "priority": 10, "prefix": "project_a/",
             "tags": {"team": "a", "env": "prod"}}]


def stored_replication(s3, bucket):
    try:
        configuration = s3.get_bucket_replication(Bucket=bucket)["ReplicationConfiguration"]
    except ClientError:
        return None
    return {r["ID"]: r for r in configuration["Rules"]}


def test_replication_filters_converge_change_and_go(ansible, cos_env, s3, stack, pair):
    source, destination = pair
    by_crn = list(reversed(rules(crn_of(cos_env, destination))))
    by_crn[0] = dict(by_crn[0], tags={"env": "prod", "team": "a"})
    changed = rules(destination)
    changed[0] = dict(changed[0], priority=30)
    steps = run_counted(ansible, cos_env, stack, source, [
        ({"replication_rules": rules(destination)}, {"check_mode": True, "diff": True}),
        ({"replication_rules": rules(destination)}, {}),
        ({"replication_rules": by_crn}, {}),
        ({"replication_rules": changed}, {"diff": True}),
    ])
    (check, check_ops), (first, first_ops), (again, again_ops), (change, change_ops) = steps
    for result, _ in steps:
        assert result["_status"] == "ok", result

    # Rules about to be written: the source's Object Lock is read once (an unlocked source needs no
    # look at the destination); a rerun reads only the replication.
    assert check["changed"] and writes(check_ops) == {}
    assert reads(check_ops) == {**REPLICATION_READS, "GetObjectLockConfiguration": 1}
    assert "warnings" not in check and "warnings" not in first
    assert check["diff"]["before"]["replication_rules"] == []
    assert first["changed"] and writes(first_ops) == {"PutBucketReplication": 1}
    assert again["changed"] is False and writes(again_ops) == {} and reads(again_ops) == REPLICATION_READS
    assert change["changed"] and writes(change_ops) == {"PutBucketReplication": 1}
    assert [r["priority"] for r in change["diff"]["after"]["replication_rules"]] == [10, 30]

    stored = stored_replication(s3, source)
    assert stored["acme"]["Filter"] == {"Tag": {"Key": "Client", "Value": "ACME"}}
    assert stored["acme"]["Priority"] == 30
    assert stored["acme"]["DeleteMarkerReplication"] == {"Status": "Enabled"}
    assert stored["acme"]["Destination"]["Bucket"] == crn_of(cos_env, destination)
    assert stored["project-a"]["Filter"]["And"]["Prefix"] == "project_a/"
    assert sorted(t["Key"] for t in stored["project-a"]["Filter"]["And"]["Tags"]) == ["env", "team"]

    (removal, removal_ops), (gone, gone_ops) = run_counted(ansible, cos_env, stack, source, [
        ({"replication_rules": []}, {}), ({"replication_rules": []}, {})])
    assert removal["changed"] and writes(removal_ops) == {"DeleteBucketReplication": 1}
    assert gone["changed"] is False and writes(gone_ops) == {}
    assert stored_replication(s3, source) is None


@pytest.mark.parametrize("destination, message", [
    ("Not_A_Bucket", "Invalid bucket name"),
    ("crn:v1:bluemix:public:cloud-object-storage:global:a/x:g", "not a bucket CRN"),
], ids=["name", "crn"])
def test_an_invalid_destination_is_refused_before_any_call(ansible, s3, stack, pair, destination, message):
    source, _ = pair
    s3.put_bucket_versioning(Bucket=source, VersioningConfiguration={"Status": "Suspended"})
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": source, "versioning": True, "replication_rules": [
        {"id": "r", "destination_bucket": destination}]})
    assert result["_status"] == "failed" and message in result["msg"], result
    # before, versioning was written first and only then the destination refused
    assert stack.counters_by_bucket().get(source, {}) == {}
    assert s3.get_bucket_versioning(Bucket=source)["Status"] == "Suspended"


def test_too_many_rules_are_refused_before_any_call(ansible, s3, stack, pair):
    source, destination = pair
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": source, "replication_rules": [
        {"id": f"r{n}", "destination_bucket": destination} for n in range(1001)]})
    assert result["_status"] == "failed" and "at most 1000" in result["msg"], result
    assert stack.counters_by_bucket().get(source, {}) == {}


def test_replication_is_removed_before_versioning_is_suspended(ansible, cos_env, s3, stack, pair):
    source, destination = pair
    assert ansible.module("cos_bucket", {"name": source, "replication_rules": rules(destination)})["changed"]
    [(result, ops)] = run_counted(ansible, cos_env, stack, source, [
        ({"versioning": False, "replication_rules": []}, {})])
    assert result["_status"] == "ok" and result["changed"], result
    assert writes(ops) == {"DeleteBucketReplication": 1, "PutBucketVersioning": 1}
    assert stored_replication(s3, source) is None
    assert s3.get_bucket_versioning(Bucket=source)["Status"] == "Suspended"


def test_suspending_versioning_while_keeping_replication_is_refused(ansible, cos_env, s3, stack, pair):
    source, destination = pair
    assert ansible.module("cos_bucket", {"name": source, "replication_rules": rules(destination)})["changed"]
    [(kept, kept_ops)] = run_counted(ansible, cos_env, stack, source, [({"versioning": False}, {})])
    assert kept["_status"] == "failed" and "replication_rules: []" in kept["msg"], kept
    assert writes(kept_ops) == {}
    assert reads(kept_ops) == {"HeadBucket": 1, "GetBucketVersioning": 1, "GetBucketReplication": 1}

    stack.reset_counters()
    both = ansible.module("cos_bucket", {"name": source, "versioning": False, "replication_rules": rules(destination)})
    assert both["_status"] == "failed" and "cannot be combined with replication_rules" in both["msg"], both
    assert stack.counters_by_bucket().get(source, {}) == {}

    assert s3.get_bucket_versioning(Bucket=source)["Status"] == "Enabled"
    assert set(stored_replication(s3, source)) == {"acme", "project-a"}


def test_object_lock_buckets_replicate_to_object_lock_buckets(ansible, cos_env, s3, stack, bucket_name):
    destination = bucket_name[:50] + "-lock"
    s3.create_bucket(Bucket=destination, ObjectLockEnabledForBucket=True)
    try:
        task = {"name": bucket_name, "object_lock": True, "versioning": True,
                "replication_rules": [{"id": "locked", "destination_bucket": destination}]}
        (first, first_ops), (again, again_ops) = run_counted(ansible, cos_env, stack, bucket_name,
                                                             [(task, {}), (task, {})])
        assert first["_status"] == "ok" and first["created"], first
        assert writes(first_ops) == {"CreateBucket": 1, "PutBucketReplication": 1}
        assert again["changed"] is False and writes(again_ops) == {}
        assert "warnings" not in first and "warnings" not in again
        assert list(stored_replication(s3, bucket_name)) == ["locked"]
    finally:
        empty_and_delete_bucket(s3, destination)


def test_a_locked_source_replicating_to_an_unlocked_destination_is_warned_about(ansible, cos_env, s3, stack,
                                                                                bucket_name):
    """replication.md "Interactions", "Object Lock": COS accepts it, but objects with Object Lock
    fail to replicate until the destination has Object Lock, so the module warns and writes."""
    destination = bucket_name[:50] + "-open"
    s3.create_bucket(Bucket=destination)
    s3.put_bucket_versioning(Bucket=destination, VersioningConfiguration={"Status": "Enabled"})
    s3.create_bucket(Bucket=bucket_name, ObjectLockEnabledForBucket=True)
    try:
        task = {"replication_rules": [{"id": "locked", "destination_bucket": destination}]}
        steps = run_counted(ansible, cos_env, stack, bucket_name, [
            (task, {"check_mode": True}), (task, {}), (task, {}),
            ({"replication_rules": [dict(task["replication_rules"][0], priority=5)]}, {})])
        (check, check_ops), (first, first_ops), (again, again_ops), (change, _) = steps

        for result in (check, first, change):
            assert result["_status"] == "ok" and result["changed"], result
            [warning] = result["warnings"]
            assert f"destination bucket {destination!r} does not" in warning and "['locked']" in warning
        assert writes(check_ops) == {} and writes(first_ops) == {"PutBucketReplication": 1}
        assert reads(first_ops) == {**REPLICATION_READS, "GetObjectLockConfiguration": 1}
        assert again["changed"] is False and "warnings" not in again
        assert writes(again_ops) == {} and reads(again_ops) == REPLICATION_READS
        assert list(stored_replication(s3, bucket_name)) == ["locked"]
    finally:
        empty_and_delete_bucket(s3, destination)


def failures(count):
    return [{"key": f"logs/{n:04d}.txt", "version_id": f"v{n}",
             "first_sync_attempted": f"2026-05-01T00:{n // 60 % 60:02d}:{n % 60:02d}.000Z",
             "cause": "Object lock is not enabled on the destination bucket"} for n in range(count)]


def test_cos_bucket_info_lists_every_page_of_failures(ansible, stack, pair):
    source, _ = pair
    stack.seed_replication_failures(source, failures(1001))
    stack.reset_counters()
    result = ansible.module("cos_bucket_info", {"name": [source], "settings": ["replication_failures"]})
    listed = result["buckets"][0]["replication_failures"]
    assert len(listed) == 1001
    assert listed[0]["key"] == "logs/1000.txt" and listed[-1]["key"] == "logs/0000.txt"
    assert listed[0]["cause"] == "Object lock is not enabled on the destination bucket"
    assert listed[0]["first_sync_attempted"].startswith("2026-05-01T00:16:40")
    ops = stack.counters_by_bucket()[source]
    assert ops.get("ListBucketReplicationFailures") == 2 and writes(ops) == {}


def test_reattempt_writes_only_when_there_are_failures(ansible, cos_env, stack, pair):
    source, _ = pair
    tasks = lambda flags: [dict({"ibm.cos.cos_bucket_replication_reattempt": {"name": source}}, **flags),
                           counters_task(cos_env)]
    stack.reset_counters()
    nothing, _ = ansible.playbook(tasks({}))
    assert nothing["_status"] == "ok" and nothing["changed"] is False and nothing["failures"] == 0
    assert stack.counters_by_bucket()[source] == {"ListBucketReplicationFailures": 1}

    stack.seed_replication_failures(source, failures(2))
    stack.reset_counters()
    check, _, applied, _ = ansible.playbook(tasks({"check_mode": True}) + tasks({}))
    assert check["changed"] and check["scheduled_time"] is None and check["failures"] == 2
    assert applied["changed"] and applied["scheduled_time"].endswith("00:00:00 GMT"), applied
    assert stack.counters_by_bucket()[source] == {"ListBucketReplicationFailures": 2,
                                                   "PutBucketReplicationReattempt": 1}
