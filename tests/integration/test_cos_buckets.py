"""cos_buckets converges a fleet in one run: every bucket created, a rerun that reads the least and
writes nothing, failures that stop nobody else, check mode that writes nothing.

cos_bucket_info reads a fleet too: many names, named settings, one run.
"""
from __future__ import annotations

import uuid

import pytest
from harness import empty_and_delete_bucket

from cos_stack.admin import reads, writes

AUTH_OPS = ("iam_token", "endpoints_doc")
FLEET = 50


def s3_reads(ops):
    return {op: n for op, n in reads(ops).items() if op not in AUTH_OPS}


def existing(s3, names):
    held = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    return sorted(set(names) & held)


@pytest.fixture
def fleet_names(s3):
    stem = f"it-fleet-{uuid.uuid4().hex[:6]}"
    names = [f"{stem}-{i:02d}" for i in range(FLEET)]
    yield names
    for name in names:
        empty_and_delete_bucket(s3, name)


def test_a_fleet_is_created_then_a_rerun_reads_the_least_and_writes_nothing(ansible, stack, s3, fleet_names):
    items = [{"name": n, "versioning": True} for n in fleet_names]
    first = ansible.module("cos_buckets", {"buckets": items, "parallelism": 8})
    assert first["_status"] == "ok" and first["changed"], first.get("msg")
    assert first["summary"] == {"total": FLEET, "changed": FLEET, "created": FLEET, "unchanged": 0, "failed": 0}
    assert [r["name"] for r in first["buckets"]] == fleet_names
    assert existing(s3, fleet_names) == fleet_names
    assert all(s3.get_bucket_versioning(Bucket=n)["Status"] == "Enabled" for n in fleet_names)
    ops = stack.counters()
    assert writes(ops) == {"CreateBucket": FLEET, "PutBucketVersioning": FLEET}

    stack.reset_counters()
    again = ansible.module("cos_buckets", {"buckets": items})
    assert again["_status"] == "ok" and not again["changed"], again.get("msg")
    assert again["summary"]["unchanged"] == FLEET and not any(r["changed"] for r in again["buckets"])
    ops = stack.counters()
    assert writes(ops) == {}
    # One existence check and one read per named setting, per bucket.
    assert s3_reads(ops) == {"HeadBucket": FLEET, "GetBucketVersioning": FLEET}
    by_bucket = stack.counters_by_bucket()
    assert all(by_bucket[n] == {"HeadBucket": 1, "GetBucketVersioning": 1} for n in fleet_names), by_bucket


def test_failing_buckets_stop_nobody_and_the_task_lists_every_failure(ansible, stack, s3, fleet_names):
    names = fleet_names[:12]
    bad = set(names[2::4])  # three buckets asked for a location this endpoint does not serve
    items = [{"name": n, "location": "eu-de" if n in bad else "us-south", "versioning": True} for n in names]
    result = ansible.module("cos_buckets", {"buckets": items, "parallelism": 4})
    assert result["_status"] == "failed"
    assert result["msg"].startswith(f"{len(bad)} of {len(names)} buckets failed: ")
    for name in bad:
        assert f"{name}: " in result["msg"]
    failed = {r["name"]: r for r in result["buckets"] if r["failed"]}
    assert set(failed) == bad and all(r["error_code"] == "InvalidLocationConstraint" for r in failed.values())
    assert result["summary"] == {"total": 12, "changed": 9, "created": 9, "unchanged": 0, "failed": 3}
    assert existing(s3, names) == sorted(set(names) - bad)
    good = sorted(set(names) - bad)
    assert all(s3.get_bucket_versioning(Bucket=n)["Status"] == "Enabled" for n in good)
    # Every bucket was tried once (COS refused three creations); only the created ones were versioned.
    assert writes(stack.counters()) == {"CreateBucket": 12, "PutBucketVersioning": 9}

    # Fixed, the same task converges the three and leaves the nine alone.
    stack.reset_counters()
    fixed = [dict(item, location="us-south") for item in items]
    rerun = ansible.module("cos_buckets", {"buckets": fixed, "parallelism": 4})
    assert rerun["_status"] == "ok", rerun.get("msg")
    assert rerun["summary"] == {"total": 12, "changed": 3, "created": 3, "unchanged": 9, "failed": 0}
    assert existing(s3, names) == sorted(names)
    assert writes(stack.counters()) == {"CreateBucket": 3, "PutBucketVersioning": 3}
    by_bucket = stack.counters_by_bucket()
    assert all(writes(by_bucket[n]) == {} for n in good), by_bucket


def test_a_config_api_setting_under_a_denied_role_fails_its_bucket_only(ansible, stack, s3, fleet_names, cos_env):
    names = fleet_names[:6]
    for name in names:
        s3.create_bucket(Bucket=name)
    stack.reset_counters()
    firewalled = set(names[1::3])  # the firewall needs the Manager role; this key has Writer
    items = [{"name": n, "firewall": {"allowed_ip": ["127.0.0.1"]}} if n in firewalled
             else {"name": n, "versioning": True} for n in names]
    result = ansible.module("cos_buckets", {"buckets": items, "api_key": cos_env["IBM_COS_STACK_WRITER_API_KEY"]})
    assert result["_status"] == "failed"
    assert result["msg"].startswith("2 of 6 buckets failed: ")
    for name in firewalled:
        assert f"{name}: " in result["msg"]
    assert {r["name"] for r in result["buckets"] if r["failed"]} == firewalled
    assert result["summary"]["changed"] == 4
    assert all(s3.get_bucket_versioning(Bucket=n).get("Status") == "Enabled" for n in set(names) - firewalled)
    assert writes(stack.counters()) == {"PutBucketVersioning": 4, "config_patch": 2}  # both refused


def test_check_mode_writes_nothing_and_reports_the_diff(ansible, stack, s3, fleet_names):
    names = fleet_names
    s3.create_bucket(Bucket=names[0])
    stack.reset_counters()
    items = [{"name": n, "versioning": True} for n in names]
    [result] = ansible.playbook([{"ibm.cos.cos_buckets": {"buckets": items}}], check=True, diff=True)
    assert result["_status"] == "ok" and result["changed"], result.get("msg")
    assert result["summary"] == {"total": FLEET, "changed": FLEET, "created": FLEET - 1, "unchanged": 0, "failed": 0}
    assert result["diff"]["before"][names[0]] == {"versioning": False}
    assert all(result["diff"]["after"][n] == {"state": "present", "versioning": True} for n in names[1:])
    ops = stack.counters()
    assert writes(ops) == {}
    # Each bucket checked once; only the one that exists has a setting to read.
    assert s3_reads(ops) == {"HeadBucket": FLEET, "GetBucketVersioning": 1}
    assert existing(s3, names) == [names[0]]


def test_every_bad_item_is_named_before_any_call(ansible, stack, fleet_names):
    items = [{"name": fleet_names[0], "versioning": True},
             {"name": fleet_names[1], "storage_class": "warm"},
             {"name": "Not_A_Bucket"},
             {"name": fleet_names[3], "colour": "blue"},
             {"name": fleet_names[0]}]
    result = ansible.module("cos_buckets", {"buckets": items})
    assert result["_status"] == "failed"
    msg = result["msg"]
    assert f"buckets[1] ({fleet_names[1]}): value of storage_class must be one of" in msg
    assert "buckets[2] (Not_A_Bucket): " in msg
    assert f"buckets[3] ({fleet_names[3]}): unsupported option colour" in msg
    assert f"buckets[4] ({fleet_names[0]}): the same bucket as buckets[0]" in msg and "buckets[0] (" not in msg
    ops = stack.counters()
    assert writes(ops) == {} and s3_reads(ops) == {}


def test_bucket_info_reads_a_fleet_in_one_run(ansible, stack, s3, fleet_names):
    for i, name in enumerate(fleet_names):
        s3.create_bucket(Bucket=name)
        if i % 2:
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    stack.reset_counters()
    result = ansible.module("cos_bucket_info", {"name": fleet_names, "settings": ["versioning", "cors_rules"]})
    assert result["_status"] == "ok", result.get("msg")
    assert sorted(b["name"] for b in result["buckets"]) == fleet_names and result["missing"] == []
    versioned = {b["name"]: b["versioning"] for b in result["buckets"]}
    assert versioned == {n: bool(i % 2) for i, n in enumerate(fleet_names)}
    ops = stack.counters()
    assert writes(ops) == {}
    assert s3_reads(ops) == {"ListBucketsExtended": 1, "GetBucketVersioning": FLEET, "GetBucketCors": FLEET}
