"""cos_bucket's lifecycle filters, replication (filters, destinations, versioning order, Object Lock)
against the local stack: each setting created, converged again with zero writes, changed, shown in
check mode with a diff, removed, and refused before any call when COS would refuse it."""
from __future__ import annotations

import pytest

from cos_stack.admin import reads, writes
from test_cos_bucket_facets import run_counted

LIFECYCLE_READS = {"HeadBucket": 1, "GetBucketLifecycleConfiguration": 1}


def filtered_rules():
    return [{"id": "big-dev-logs", "prefix": "logs/", "tags": {"env": "dev", "team": "web"},
             "object_size_greater_than": 10485760, "expiration_days": 180},
            {"id": "small", "object_size_less_than": 2048, "expiration_days": 7},
            {"id": "tagged", "tags": {"Client": "ACME"}, "noncurrent_version_expiration_days": 30},
            {"id": "stale-uploads", "abort_incomplete_multipart_upload_days": 3}]


def the_same_spelled_otherwise():
    rules = list(reversed(filtered_rules()))
    rules[-1] = dict(rules[-1], tags={"team": "web", "env": "dev"}, enabled=True)
    return rules


def stored_lifecycle(s3, bucket):
    return {r["ID"]: r for r in s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]}


def test_lifecycle_filters_converge_change_and_go(ansible, cos_env, s3, stack, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    changed = filtered_rules()
    changed[1] = dict(changed[1], object_size_less_than=4096)
    steps = run_counted(ansible, cos_env, stack, bucket_name, [
        ({"lifecycle_rules": filtered_rules()}, {"check_mode": True, "diff": True}),
        ({"lifecycle_rules": filtered_rules()}, {}),
        ({"lifecycle_rules": the_same_spelled_otherwise()}, {}),
        ({"lifecycle_rules": changed}, {"diff": True}),
        ({"lifecycle_rules": []}, {}),
        ({"lifecycle_rules": []}, {}),
    ])
    (check, check_ops), (first, first_ops), (again, again_ops), (change, change_ops), \
        (removal, removal_ops), (gone, gone_ops) = steps
    for result, _ in steps:
        assert result["_status"] == "ok", result

    assert check["changed"] and writes(check_ops) == {} and reads(check_ops) == LIFECYCLE_READS
    assert check["diff"]["before"]["lifecycle_rules"] == []
    assert [r["id"] for r in check["diff"]["after"]["lifecycle_rules"]] == [
        "big-dev-logs", "small", "stale-uploads", "tagged"]

    assert first["changed"] and writes(first_ops) == {"PutBucketLifecycleConfiguration": 1}
    assert again["changed"] is False and writes(again_ops) == {} and reads(again_ops) == LIFECYCLE_READS

    assert change["changed"] and writes(change_ops) == {"PutBucketLifecycleConfiguration": 1}
    before = {r["id"]: r for r in change["diff"]["before"]["lifecycle_rules"]}
    after = {r["id"]: r for r in change["diff"]["after"]["lifecycle_rules"]}
    assert before["small"]["object_size_less_than"] == 2048 and after["small"]["object_size_less_than"] == 4096

    # what COS holds between the change and the removal is checked through the diff; now it is gone
    assert removal["changed"] and writes(removal_ops) == {"DeleteBucketLifecycle": 1}
    assert gone["changed"] is False and writes(gone_ops) == {}
    with pytest.raises(Exception):
        s3.get_bucket_lifecycle_configuration(Bucket=bucket_name)


def test_lifecycle_filters_reach_cos_in_its_shape(ansible, s3, stack, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    result = ansible.module("cos_bucket", {"name": bucket_name, "lifecycle_rules": filtered_rules()})
    assert result["changed"], result

    stored = stored_lifecycle(s3, bucket_name)
    big = stored["big-dev-logs"]["Filter"]["And"]
    assert big["Prefix"] == "logs/" and big["ObjectSizeGreaterThan"] == 10485760
    assert sorted((t["Key"], t["Value"]) for t in big["Tags"]) == [("env", "dev"), ("team", "web")]
    assert stored["small"]["Filter"] == {"ObjectSizeLessThan": 2048}
    assert stored["tagged"]["Filter"] == {"Tag": {"Key": "Client", "Value": "ACME"}}
    assert stored["stale-uploads"]["AbortIncompleteMultipartUpload"] == {"DaysAfterInitiation": 3}


@pytest.mark.parametrize("rules, message", [
    ([{"id": "huge", "expiration_days": 10 ** 20}], "at most 2147483647"),
    ([{"id": "no spaces", "expiration_days": 1}], "may hold only letters"),
    ([{"id": "archive", "transition_days": 0, "tags": {"a": "b"}}], "no tags or size filters"),
    ([{"id": f"r{n}", "expiration_days": 1} for n in range(1001)], "at most 1000"),
    ([{"id": "zero", "expiration_days": 1, "object_size_greater_than": 0}], "greater than 0"),
], ids=["days-bound", "id-charset", "transition-filter", "rule-count", "size"])
def test_lifecycle_refusals_make_no_call(ansible, s3, stack, bucket_name, rules, message):
    s3.create_bucket(Bucket=bucket_name)
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": bucket_name, "lifecycle_rules": rules})
    assert result["_status"] == "failed" and message in result["msg"], result
    assert stack.counters_by_bucket().get(bucket_name, {}) == {}
    with pytest.raises(Exception):
        s3.get_bucket_lifecycle_configuration(Bucket=bucket_name)
