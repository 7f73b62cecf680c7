"""Replication and legacy bucket firewalls: the same-task refusal, the destinations read before rules
are written, the order of a swap, and how COS's refusals are explained (pure logic, recording fakes)."""
import types

import pytest
from ibm_botocore.exceptions import ClientError

from ansible_collections.ibm.cos.plugins.module_utils._errors import ConfigApiError
from ansible_collections.ibm.cos.plugins.module_utils.bucket.driver import Plan, reconcile
from ansible_collections.ibm.cos.plugins.module_utils.bucket.replication_firewall import (
    explain_patch_refusal, explain_put_refusal, refuse_firewalled_buckets, same_task_problem)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import BucketContext, SettingError

INSTANCE = "crn:v1:bluemix:public:cloud-object-storage:global:a/x:g::"
RULES = [{"id": "r", "destination_bucket": "dest"}]
NO_FIREWALL = {"allowed_ip": [], "denied_ip": [], "allowed_network_type": []}


class Recorder:
    """S3 and the Config API in one: answers from `answers`, `firewalls` by bucket; records calls."""

    def __init__(self, answers=None, firewalls=None, refuse=None):
        self.answers, self.firewalls, self.refuse = answers or {}, firewalls or {}, refuse or {}
        self.calls = []

    def __getattr__(self, method):
        def call(*args, **kwargs):
            self.calls.append(method)
            if method in self.refuse:
                raise self.refuse[method]
            return self.answers.get(method, {})
        return call

    def get_bucket(self, name):
        self.calls.append(("config_get", name))
        answer = self.firewalls.get(name, {})
        if isinstance(answer, Exception):
            raise answer
        return ({"firewall": answer} if answer else {}), '"etag"'

    def patch_bucket(self, name, patch, etag=None):
        self.calls.append(("config_patch", name, sorted(patch)))
        if "config_patch" in self.refuse:
            raise self.refuse["config_patch"]


def conn(recorder, auth_method="apikey"):
    settings = types.SimpleNamespace(uses_iam=auth_method != "hmac")
    return types.SimpleNamespace(s3=recorder, config_api=recorder, settings=settings)


def plan(**options):
    return Plan(dict(options, service_instance_id=INSTANCE))


def s3_refusal(code, message, operation="PutBucketReplication"):
    return ClientError({"Error": {"Code": code, "Message": message},
                        "ResponseMetadata": {"HTTPStatusCode": 409}}, operation)


# --- the same task --------------------------------------------------------------------------------

@pytest.mark.parametrize("firewall", [{"allowed_ip": ["10.0.0.0/8"]}, {"denied_ip": ["192.0.2.1"]},
                                      {"allowed_network_type": ["private"]}])
def test_rules_and_a_legacy_firewall_in_one_task_are_refused_before_any_call(firewall):
    with pytest.raises(SettingError) as refused:
        plan(versioning=True, replication_rules=RULES, firewall=firewall)
    message = str(refused.value)
    assert "replication_rules" in message and "firewall.allowed_ip" in message
    assert "context-based restrictions" in message


@pytest.mark.parametrize("options", [
    {"replication_rules": RULES, "firewall": {}},
    {"replication_rules": [], "firewall": {"allowed_ip": ["10.0.0.0/8"]}},
    {"firewall": {"allowed_ip": ["10.0.0.0/8"]}},
])
def test_a_removal_on_either_side_is_no_conflict(options):
    assert same_task_problem(plan(**options).desired) is None


# --- destinations read only when rules are written -------------------------------------------------

def test_a_firewalled_destination_is_refused_in_check_mode_and_nothing_is_written():
    recorder = Recorder({"get_bucket_versioning": {"Status": "Enabled"}},
                        firewalls={"dest": {"allowed_ip": ["10.0.0.0/8"]}})
    with pytest.raises(SettingError) as refused:
        reconcile(conn(recorder), "src", plan(replication_rules=RULES), check_mode=True)
    assert "'dest'" in str(refused.value) and "allowed_ip ['10.0.0.0/8']" in str(refused.value)
    assert "context-based restrictions" in str(refused.value)
    assert ("config_get", "dest") in recorder.calls
    assert not [c for c in recorder.calls if isinstance(c, str) and c.startswith(("put_", "delete_"))]


STORED = {"ReplicationConfiguration": {"Rules": [{
    "ID": "r", "Priority": 0, "Status": "Enabled", "Filter": {"Prefix": ""},
    "Destination": {"Bucket": INSTANCE.rstrip(":") + ":bucket:dest"}, "DeleteMarkerReplication": {"Status": "Disabled"}}]}}


def test_rules_already_in_place_read_no_destination():
    recorder = Recorder({"get_bucket_replication": STORED},
                        firewalls={"dest": {"allowed_ip": ["10.0.0.0/8"]}})
    outcome = reconcile(conn(recorder), "src", plan(replication_rules=RULES))
    assert not outcome.changed and recorder.calls == ["get_bucket_replication"]


def test_removing_rules_reads_no_destination():
    recorder = Recorder({"get_bucket_replication": STORED})
    reconcile(conn(recorder), "src", plan(replication_rules=[]))
    assert recorder.calls == ["get_bucket_replication", "delete_bucket_replication"]


def destinations_of(names):
    return [{"destination_bucket": f"{INSTANCE.rstrip(':')}:bucket:{name}"} for name in names]


def test_each_destination_is_read_once_and_unreadable_ones_are_left_to_cos():
    recorder = Recorder(firewalls={"a": {}, "b": ConfigApiError(403, "no access", "b")})
    refuse_firewalled_buckets(BucketContext(conn(recorder), "src"), destinations_of(["a", "b", "a", "src"]), False)
    assert sorted(recorder.calls) == [("config_get", "a"), ("config_get", "b")]


def test_hmac_keys_read_nothing():
    recorder = Recorder(firewalls={"a": {"allowed_ip": ["10.0.0.0/8"]}})
    refuse_firewalled_buckets(BucketContext(conn(recorder, "hmac"), "src"), destinations_of(["a"]), False)
    assert recorder.calls == []


def test_the_source_firewall_is_checked_when_the_task_read_it_anyway():
    recorder = Recorder()
    ctx = BucketContext(conn(recorder), "src", config={"firewall": {"denied_ip": ["192.0.2.0/24"]}})
    with pytest.raises(SettingError, match="bucket 'src' has a legacy firewall.*firewall: \\{\\}"):
        refuse_firewalled_buckets(ctx, destinations_of(["a"]), firewall_named=False)
    refuse_firewalled_buckets(ctx, destinations_of(["a"]), firewall_named=True)  # this task removes it


# --- a swap writes the removal first ------------------------------------------------------------------

def test_firewall_removal_is_written_before_new_rules():
    recorder = Recorder({"get_bucket_versioning": {"Status": "Enabled"}},
                        firewalls={"src": {"allowed_ip": ["127.0.0.1/32"]}})
    reconcile(conn(recorder), "src", plan(replication_rules=RULES, firewall={}))
    writes = [c for c in recorder.calls if c[0] == "config_patch" or c == "put_bucket_replication"]
    assert writes == [("config_patch", "src", ["firewall"]), "put_bucket_replication"]


def test_replication_removal_is_written_before_a_new_firewall():
    recorder = Recorder({"get_bucket_replication": STORED})
    reconcile(conn(recorder), "src", plan(replication_rules=[], firewall={"allowed_ip": ["10.0.0.0/8"]}))
    writes = [c for c in recorder.calls if c[0] == "config_patch" or c == "delete_bucket_replication"]
    assert writes == ["delete_bucket_replication", ("config_patch", "src", ["firewall"])]


# --- COS's own refusals ------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["InvalidBucketState", "InvalidRequest", "AccessDenied"])
def test_a_put_refused_for_a_firewall_is_explained_whatever_the_code(code):
    with pytest.raises(SettingError) as explained:
        explain_put_refusal(s3_refusal(code, "Destination bucket 'd' has a legacy Firewall."), "src")
    message = str(explained.value)
    assert "bucket 'src'" in message and "legacy firewall" in message and code in message
    assert "context-based restrictions" in message and "firewall: {}" in message


def test_a_put_refused_for_another_reason_is_left_as_it_is():
    assert explain_put_refusal(s3_refusal("InvalidRequest", "Versioning must be enabled."), "src") is None


def test_the_put_refusal_reaches_the_user_through_the_driver():
    recorder = Recorder({"get_bucket_versioning": {"Status": "Enabled"}},
                        refuse={"put_bucket_replication": s3_refusal("InvalidBucketState", "has a legacy firewall")})
    with pytest.raises(SettingError, match="COS refused replication for bucket 'src'"):
        reconcile(conn(recorder), "src", plan(replication_rules=RULES))


@pytest.mark.parametrize("status", [409, 400, 403])
def test_a_firewall_patch_refused_for_replication_is_explained_whatever_the_status(status):
    refusal = ConfigApiError(status, "Bucket 'src' has a replication configuration", "src")
    recorder = Recorder(refuse={"config_patch": refusal})
    with pytest.raises(SettingError) as explained:
        reconcile(conn(recorder), "src", plan(firewall={"allowed_ip": ["10.0.0.0/8"]}))
    message = str(explained.value)
    assert "firewall: COS refused a legacy firewall on bucket 'src' because of replication" in message
    assert f"HTTP {status}" in message and "replication_rules: []" in message and "Manager" not in message


def test_a_firewall_patch_refused_for_the_role_still_names_the_role():
    recorder = Recorder(refuse={"config_patch": ConfigApiError(403, "Forbidden", "src")})
    with pytest.raises(SettingError, match="Manager role"):
        reconcile(conn(recorder), "src", plan(firewall={"allowed_ip": ["10.0.0.0/8"]}))


def test_a_firewall_patch_refused_for_another_reason_is_left_as_it_is():
    assert explain_patch_refusal(ConfigApiError(400, "firewall.allowed_ip entry is invalid", "b"), "b") is None
