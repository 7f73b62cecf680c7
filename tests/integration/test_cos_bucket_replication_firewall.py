"""cos_bucket's replication rules and legacy bucket firewalls (replication.md "Legacy bucket
firewalls") against the local stack: what is refused before any call, what is read only when rules
are written, how COS's refusals read, and that removing the firewall converges."""
from __future__ import annotations

import pytest
import requests

from backup_support import BackupReader
from cos_stack.admin import reads, writes
from test_cos_bucket_facets import run_counted
from test_cos_bucket_protection_replication import pair, stored_replication  # noqa: F401 (pair: a fixture)

# Admits the host running the tests, so the S3 calls of the task (and the teardown) pass it and
# only the replication rule can refuse.
ADMITS_US = {"allowed_ip": ["127.0.0.0/8"]}
CBR = "context-based restrictions"


class ConfigReader(BackupReader):
    """The Resource Configuration API with a token of its own: sets up and reads firewalls
    independently of the collection's code."""

    def firewall(self, bucket):
        return self.get(f"/b/{bucket}").json().get("firewall") or {}

    def set_firewall(self, bucket, firewall):
        response = requests.patch(f"{self.base}/b/{bucket}", json={"firewall": firewall}, verify=self.verify,
                                  headers=dict(self.headers, **{"Content-Type": "application/merge-patch+json"}),
                                  timeout=10)
        assert response.status_code == 204, response.text


@pytest.fixture
def config(cos_env):
    return ConfigReader(cos_env)


def rules_to(destination):
    return [{"id": "to-dest", "destination_bucket": destination, "delete_marker_replication": True}]


def stored_rule_ids(s3, bucket):
    return list(stored_replication(s3, bucket) or [])


def test_rules_and_a_firewall_in_one_task_are_refused_before_any_call(ansible, stack, s3, config, pair):
    source, destination = pair
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": source, "versioning": True, "replication_rules": rules_to(destination),
                                           "firewall": {"allowed_ip": ["127.0.0.1"]}})

    assert result["_status"] == "failed"
    for words in ("replication_rules", "firewall.allowed_ip", CBR, "firewall: {}"):
        assert words in result["msg"], result["msg"]
    counted = stack.counters()
    assert writes(counted) == {}
    assert not {op for op in reads(counted) if op not in ("iam_token", "endpoints_doc")}, counted
    assert stored_rule_ids(s3, source) == [] and config.firewall(source) == {}


def test_a_firewalled_destination_fails_clearly_then_converges_once_the_firewall_goes(
        ansible, cos_env, stack, s3, config, pair):
    source, destination = pair
    config.set_firewall(destination, ADMITS_US)
    task = {"replication_rules": rules_to(destination)}

    steps = run_counted(ansible, cos_env, stack, source, [(task, {"check_mode": True}), (task, {})])
    for result, ops in steps:
        assert result["_status"] == "failed"
        for words in (f"destination bucket(s) of bucket {source!r}", repr(destination), "legacy firewall",
                      "allowed_ip ['127.0.0.0/8']", CBR):
            assert words in result["msg"], result["msg"]
        assert writes(ops) == {}
        # refused before the source's Object Lock is read; the destination's firewall is read on the
        # destination, and nothing more on the source
        assert reads(ops) == {"HeadBucket": 1, "GetBucketReplication": 1}
    assert stored_rule_ids(s3, source) == []
    by_bucket = stack.counters_by_bucket()
    assert writes(by_bucket.get(destination, {})) == {}

    removed = ansible.module("cos_bucket", {"name": destination, "firewall": {}})
    assert removed["_status"] == "ok" and removed["changed"], removed
    assert config.firewall(destination) == {"allowed_ip": [], "denied_ip": [], "allowed_network_type": []}

    (first, first_ops), (again, again_ops) = run_counted(ansible, cos_env, stack, source, [(task, {}), (task, {})])
    assert first["_status"] == "ok" and first["changed"], first.get("msg")
    assert writes(first_ops) == {"PutBucketReplication": 1}
    assert again["_status"] == "ok" and again["changed"] is False
    assert writes(again_ops) == {} and reads(again_ops) == {"HeadBucket": 1, "GetBucketReplication": 1}
    assert stored_rule_ids(s3, source) == ["to-dest"]


def test_a_firewall_the_module_cannot_see_is_reported_from_cos_refusal(ansible, cos_env, stack, s3, config, pair):
    """A key with the Writer role reads no firewall (CFG-16), so COS's refusal (REPL-11) is what the
    user sees: explained, with nothing stored."""
    if not cos_env.get("IBM_COS_STACK_WRITER_API_KEY"):
        pytest.skip("needs a key with the Writer role (IBM_COS_STACK_WRITER_API_KEY)")
    source, destination = pair
    config.set_firewall(destination, ADMITS_US)
    writer = {"IBMCLOUD_API_KEY": cos_env["IBM_COS_STACK_WRITER_API_KEY"]}
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": source, "replication_rules": rules_to(destination)}, env=writer)

    assert result["_status"] == "failed"
    for words in (f"COS refused replication for bucket {source!r}", "legacy firewall", CBR, "firewall: {}"):
        assert words in result["msg"], result["msg"]
    assert writes(stack.counters_by_bucket()[source]) == {"PutBucketReplication": 1}  # refused
    assert stored_rule_ids(s3, source) == []


def test_a_firewalled_source_is_reported_from_cos_refusal(ansible, stack, s3, config, pair):
    source, destination = pair
    config.set_firewall(source, ADMITS_US)
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": source, "replication_rules": rules_to(destination)})

    assert result["_status"] == "failed"
    assert f"COS refused replication for bucket {source!r}" in result["msg"] and CBR in result["msg"]
    assert f"Bucket {source!r} has a legacy firewall" in result["msg"]  # COS's words name the bucket
    assert stored_rule_ids(s3, source) == []


def test_a_firewall_on_a_replicating_bucket_is_reported_from_cos_refusal(ansible, stack, s3, config, pair):
    source, destination = pair
    assert ansible.module("cos_bucket", {"name": source, "replication_rules": rules_to(destination)})["changed"]

    for bucket in (source, destination):
        stack.reset_counters()
        result = ansible.module("cos_bucket", {"name": bucket, "firewall": ADMITS_US})
        assert result["_status"] == "failed"
        assert f"COS refused a legacy firewall on bucket {bucket!r} because of replication" in result["msg"]
        assert "replication_rules: []" in result["msg"] and CBR in result["msg"]
        assert writes(stack.counters_by_bucket()[bucket]) == {"config_patch": 1}  # refused
        assert config.firewall(bucket) == {}
    assert stored_rule_ids(s3, source) == ["to-dest"]


@pytest.mark.parametrize("swap", ["firewall-to-rules", "rules-to-firewall"])
def test_one_task_swaps_firewall_and_rules_removal_first(ansible, cos_env, stack, s3, config, pair, swap):
    source, destination = pair
    if swap == "firewall-to-rules":
        config.set_firewall(source, ADMITS_US)
        task = {"firewall": {}, "replication_rules": rules_to(destination)}
    else:
        assert ansible.module("cos_bucket", {"name": source, "replication_rules": rules_to(destination)})["changed"]
        task = {"firewall": ADMITS_US, "replication_rules": []}

    (first, first_ops), (again, again_ops) = run_counted(ansible, cos_env, stack, source, [(task, {}), (task, {})])

    assert first["_status"] == "ok" and first["changed"], first.get("msg")
    expected = "PutBucketReplication" if swap == "firewall-to-rules" else "DeleteBucketReplication"
    assert writes(first_ops) == {"config_patch": 1, expected: 1}
    assert again["_status"] == "ok" and again["changed"] is False and writes(again_ops) == {}
    if swap == "firewall-to-rules":
        assert stored_rule_ids(s3, source) == ["to-dest"] and not any(config.firewall(source).values())
    else:
        assert stored_rule_ids(s3, source) == [] and config.firewall(source)["allowed_ip"] == ["127.0.0.0/8"]
