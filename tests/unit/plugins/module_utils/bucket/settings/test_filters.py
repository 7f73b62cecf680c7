"""Lifecycle and replication rule filters: flat in normal form, `And` only on the wire."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import SettingError
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.lifecycle_rules import (
    LifecycleSetting, lifecycle_rule_from_api, lifecycle_rule_to_api)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.replication_rules import ReplicationSetting

INSTANCE = "crn:v1:bluemix:public:cloud-object-storage:global:a/acct:guid-1::"
LIFECYCLE = LifecycleSetting()


def rule(**kw):
    return dict({"id": "r", "enabled": True, "prefix": "", "expiration_days": 30}, **kw)


@pytest.mark.parametrize("options, wire", [
    ({}, {"Prefix": ""}),
    ({"prefix": "logs/"}, {"Prefix": "logs/"}),
    ({"tags": {"env": "dev"}}, {"Tag": {"Key": "env", "Value": "dev"}}),
    ({"object_size_greater_than": 1024}, {"ObjectSizeGreaterThan": 1024}),
    ({"prefix": "logs/", "tags": {"env": "dev"}},
     {"And": {"Prefix": "logs/", "Tags": [{"Key": "env", "Value": "dev"}]}}),
    ({"tags": {"b": "2", "a": "1"}},
     {"And": {"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]}}),
    ({"object_size_greater_than": 1, "object_size_less_than": 10},
     {"And": {"ObjectSizeGreaterThan": 1, "ObjectSizeLessThan": 10}}),
])
def test_lifecycle_filters_reach_the_wire_and_read_back_equal(options, wire):
    [normal] = LIFECYCLE.normalize([rule(**options)])
    api = lifecycle_rule_to_api(normal)
    assert api["Filter"] == wire
    assert lifecycle_rule_from_api(api) == normal


def test_tag_order_and_value_types_do_not_differ():
    one = LIFECYCLE.normalize([rule(tags={"b": 2, "a": "x"})])
    other = LIFECYCLE.normalize([rule(tags={"a": "x", "b": "2"})])
    assert one == other


def test_a_filter_read_in_cos_spelling_equals_the_task():
    api = {"ID": "r", "Status": "Enabled", "Expiration": {"Days": 30},
           "Filter": {"And": {"Tags": [{"Key": "b", "Value": "2"}, {"Key": "a", "Value": "1"}],
                              "ObjectSizeLessThan": 5}}}
    assert lifecycle_rule_from_api(api) == LIFECYCLE.normalize([
        rule(tags={"a": "1", "b": "2"}, object_size_less_than=5)])[0]


def test_abort_incomplete_multipart_upload_alone_is_a_rule():
    [normal] = LIFECYCLE.normalize([{"id": "stale-uploads", "abort_incomplete_multipart_upload_days": 3}])
    assert lifecycle_rule_to_api(normal)["AbortIncompleteMultipartUpload"] == {"DaysAfterInitiation": 3}


@pytest.mark.parametrize("rules, fragment", [
    ([rule(expiration_days=10 ** 20)], "at most 2147483647"),
    ([rule(abort_incomplete_multipart_upload_days=0, expiration_days=None)], "positive number of days"),
    ([rule(id="has space")], "may hold only letters"),
    ([rule(id="a#b")], "may hold only letters"),
    ([rule(id=f"r{n}") for n in range(1001)], "at most 1000"),
    ([rule(tags={"k" * 128: "v"})], "key of 1 to 127"),
    ([rule(tags={"k": "v" * 256})], "value of at most 255"),
    ([rule(object_size_greater_than=0)], "greater than 0"),
    ([rule(expiration_days=None, transition_days=1, tags={"a": "b"})], "no tags or size filters"),
])
def test_lifecycle_limits_fail_before_any_call(rules, fragment):
    with pytest.raises(SettingError, match=fragment):
        LIFECYCLE.normalize(rules)


def test_1000_lifecycle_rules_are_allowed():
    assert len(LIFECYCLE.normalize([rule(id=f"r{n}") for n in range(1000)])) == 1000


def replication(*rules):
    return ReplicationSetting().desired({"service_instance_id": INSTANCE, "replication_rules": list(rules)})


def test_replication_tag_and_prefix_filters_go_under_and():
    [normal] = replication({"id": "r", "destination_bucket": "backup", "prefix": "logs/", "tags": {"team": "a"}})
    wire = ReplicationSetting().put_arguments([normal])["ReplicationConfiguration"]["Rules"][0]
    assert wire["Filter"] == {"And": {"Prefix": "logs/", "Tags": [{"Key": "team", "Value": "a"}]}}


def test_replication_reads_back_equal_including_cos_capitals():
    [normal] = replication({"id": "r", "destination_bucket": "backup", "tags": {"Client": "ACME"},
                            "priority": 20, "delete_marker_replication": True})
    wire = ReplicationSetting().put_arguments([normal])["ReplicationConfiguration"]
    for api_rule in wire["Rules"]:
        api_rule["Status"] = api_rule["Status"].upper()
        api_rule["DeleteMarkerReplication"]["Status"] = "ENABLED"

    class S3:
        def get_bucket_replication(self, Bucket):
            return {"ReplicationConfiguration": wire}

    class Ctx:
        s3, bucket = S3(), "b"

    assert ReplicationSetting().read(Ctx()) == [normal]


@pytest.mark.parametrize("destination, fragment", [
    ("Backup_Bucket", "Invalid bucket name"),
    ("crn:v1:bluemix:public:cloud-object-storage:global:a/x:g:bucket:Bad_Name", "not a bucket CRN"),
    ("crn:v1:bluemix:public:cloud-object-storage:global:a/x:g", "not a bucket CRN"),
])
def test_an_invalid_destination_fails_before_any_call(destination, fragment):
    with pytest.raises(SettingError, match=fragment):
        replication({"id": "r", "destination_bucket": destination})


def test_replication_refuses_size_filters_and_bad_ids():
    with pytest.raises(SettingError, match="may hold only letters"):
        replication({"id": "to backup", "destination_bucket": "backup"})
    with pytest.raises(SettingError, match="at most 1000"):
        replication(*({"id": f"r{n}", "destination_bucket": "backup"} for n in range(1001)))
