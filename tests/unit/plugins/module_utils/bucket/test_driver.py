"""The driver against a recording fake of ibm_boto3 and the Config API: which calls it makes."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import SettingError
from ansible_collections.ibm.cos.plugins.module_utils.bucket.driver import Plan, reconcile


class Recorder:
    """Answers S3 calls from `answers` ({method: response}); records every call made."""

    def __init__(self, answers=None):
        self.answers = answers or {}
        self.calls = []

    def __getattr__(self, method):
        def call(*args, **kwargs):
            self.calls.append(method)
            return self.answers.get(method, {})
        return call


class FakeConfigApi:
    def __init__(self, body):
        self.body, self.calls = body, []

    def get_bucket(self, name):
        self.calls.append(("get", name))
        return self.body, '"etag-1"'

    def patch_bucket(self, name, patch, etag=None):
        self.calls.append(("patch", patch, etag))


class Conn:
    def __init__(self, answers=None, config=None, policies=()):
        self.settings = None  # as CosConnection(None): no auth method that rules the Config API out
        self.s3 = Recorder(answers)
        self.config_api = FakeConfigApi(config or {})
        self.policies = list(policies)  # the bucket's backup policies, as ListBackupPolicies answers
        self.policy_reads = 0


@pytest.fixture(autouse=True)
def backup_policies(monkeypatch):
    """The backup policy list comes from the Conn's `policies` (read_policies is HTTP, not driver logic)."""
    from ansible_collections.ibm.cos.plugins.module_utils.bucket import backup_guard

    def read_policies(conn, bucket):
        conn.policy_reads += 1
        return conn.policies, None

    monkeypatch.setattr(backup_guard, "read_policies", read_policies)


WRITES = ("put_", "delete_")


def writes(conn):
    return [c for c in conn.s3.calls if c.startswith(WRITES)] + [c for c in conn.config_api.calls if c[0] == "patch"]


def test_only_named_facets_are_read_and_equal_values_are_not_written():
    conn = Conn({"get_bucket_versioning": {"Status": "Enabled"}})
    outcome = reconcile(conn, "b", Plan({"versioning": True}))
    assert conn.s3.calls == ["get_bucket_versioning"]
    assert not outcome.changed and not writes(conn)


def test_check_mode_reports_without_writing():
    conn = Conn({"get_bucket_versioning": {}})
    outcome = reconcile(conn, "b", Plan({"versioning": True}), check_mode=True)
    assert outcome.changed and outcome.before == {"versioning": False} and outcome.after == {"versioning": True}
    assert not writes(conn)


def test_config_facets_share_one_get_and_one_merged_patch_with_the_etag():
    body = {"firewall": {"allowed_ip": ["10.0.0.1/32"], "denied_ip": [], "allowed_network_type": []},
            "hard_quota": 0, "crn": "crn:x"}
    conn = Conn(config=body)
    plan = Plan({"firewall": {"allowed_ip": ["10.0.0.1"]}, "hard_quota": "1KiB",
                 "activity_tracking": {"read_data_events": True}})
    outcome = reconcile(conn, "b", plan)
    assert conn.config_api.calls == [
        ("get", "b"),
        ("patch", {"hard_quota": 1024, "activity_tracking": {
            "read_data_events": True, "write_data_events": False, "management_events": False}}, '"etag-1"')]
    assert sorted(outcome.after) == ["activity_tracking", "hard_quota"] and outcome.crn == "crn:x"
    assert conn.s3.calls == []


def test_a_refused_transition_stops_every_write():
    conn = Conn({"get_bucket_protection_configuration": {"ProtectionConfiguration": {
        "Status": "Retention", "MinimumRetention": {"Days": 1}, "DefaultRetention": {"Days": 30},
        "MaximumRetention": {"Days": 60}}}, "get_bucket_versioning": {}})
    plan = Plan({"versioning": False,
                 "retention": {"minimum_days": 1, "default_days": 10, "maximum_days": 60}})
    with pytest.raises(SettingError, match="default_days would go from 30 down to 10"):
        reconcile(conn, "b", plan)
    assert not writes(conn)


def test_a_new_bucket_is_not_read_back():
    conn = Conn()
    outcome = reconcile(conn, "b", Plan({"versioning": True, "object_lock": True, "cors_rules": [
        {"allowed_origins": ["*"], "allowed_methods": ["GET"]}]}), created=True)
    assert conn.s3.calls == ["put_bucket_cors"]  # versioning comes with Object Lock
    assert outcome.values["versioning"] is True


def test_key_protect_is_compared_from_head_without_a_call():
    key = "crn:v1:bluemix:public:kms:us-south:a/x:y:key:k1"
    conn = Conn()
    outcome = reconcile(conn, "b", Plan({"key_protect_root_key_crn": key}),
                        head={"ibm-sse-kp-enabled": "True", "ibm-sse-kp-crk-id": key})
    assert not outcome.changed and conn.s3.calls == []


def test_versioning_is_written_before_replication():
    conn = Conn({"get_bucket_versioning": {}})
    plan = Plan({"versioning": True, "service_instance_id": "crn:v1:bluemix:public:cloud-object-storage:global:a/x:g::",
                 "replication_rules": [{"id": "r", "destination_bucket": "other"}]})
    reconcile(conn, "b", plan)
    assert writes(conn) == ["put_bucket_versioning", "put_bucket_replication"]


def test_incompatible_settings_fail_before_any_call():
    with pytest.raises(SettingError, match="retention cannot be combined with versioning"):
        Plan({"versioning": True, "retention": {"minimum_days": 1, "default_days": 1, "maximum_days": 1}})


def test_object_lock_buckets_cannot_ask_for_suspended_versioning():
    with pytest.raises(SettingError, match="always versioned"):
        Plan({"versioning": False, "object_lock": True})


def test_a_firewall_patch_refused_for_the_role_names_the_manager_role():
    from ansible_collections.ibm.cos.plugins.module_utils._errors import ConfigApiError

    conn = Conn()

    def refuse(name, patch, etag=None):
        raise ConfigApiError(403, "Viewing or updating the firewall needs the Manager role.", name)
    conn.config_api.patch_bucket = refuse
    with pytest.raises(SettingError, match="only for the Manager role"):
        reconcile(conn, "b", Plan({"firewall": {"denied_ip": ["192.0.2.0/24"], "allowed_ip": [],
                                                "allowed_network_type": []}}))


def test_an_unchanged_setting_is_reported_as_cos_holds_it():
    rule = {"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "AllowedHeaders": ["authorization"]}
    conn = Conn({"get_bucket_cors": {"CORSRules": [rule]}})
    outcome = reconcile(conn, "b", Plan({"cors_rules": [
        {"allowed_origins": ["*"], "allowed_methods": ["get"], "allowed_headers": ["Authorization"]}]}))
    assert not outcome.changed and not writes(conn)
    assert outcome.values["cors_rules"][0]["allowed_headers"] == ["authorization"]


REPLICATING = {"get_bucket_versioning": {"Status": "Enabled"},
               "get_bucket_replication": {"ReplicationConfiguration": {"Rules": [{
                   "ID": "r", "Priority": 0, "Status": "Enabled", "Filter": {"Prefix": ""},
                   "Destination": {"Bucket": "crn:v1:bluemix:public:cloud-object-storage:global:a/x:g:bucket:other"},
                   "DeleteMarkerReplication": {"Status": "Disabled"}}]}}}


def test_replication_is_removed_before_versioning_is_suspended():
    conn = Conn(REPLICATING)
    reconcile(conn, "b", Plan({"versioning": False, "replication_rules": []}))
    assert writes(conn) == ["delete_bucket_replication", "put_bucket_versioning"]


def test_suspending_versioning_on_a_replicating_bucket_fails_before_any_write():
    conn = Conn(REPLICATING)
    with pytest.raises(SettingError, match="replication_rules: \\[\\]"):
        reconcile(conn, "b", Plan({"versioning": False}))
    assert conn.s3.calls == ["get_bucket_versioning", "get_bucket_replication"]


def test_suspending_versioning_without_replication_reads_it_once_and_writes():
    conn = Conn({"get_bucket_versioning": {"Status": "Enabled"}})
    reconcile(conn, "b", Plan({"versioning": False}))
    assert conn.s3.calls == ["get_bucket_versioning", "get_bucket_replication", "put_bucket_versioning"]


def test_suspending_versioning_under_a_backup_policy_fails_before_any_write_naming_it():
    policy = {"policy_name": "nightly", "policy_status": "active",
              "target_backup_vault_crn": "crn:v1:bluemix:public:cloud-object-storage:global:a/x:g:backup-vault:v1"}
    conn = Conn({"get_bucket_versioning": {"Status": "Enabled"}}, policies=[policy])
    with pytest.raises(SettingError, match="backup policy: 'nightly' \\(into backup vault 'v1', active\\)") as raised:
        reconcile(conn, "b", Plan({"versioning": False}), check_mode=True)
    assert raised.value.details["backup_policies"] == ["nightly"]
    assert writes(conn) == [] and conn.policy_reads == 1


def test_backup_policies_are_read_only_when_versioning_would_be_suspended():
    for current, wanted in (("Enabled", True), ("Suspended", False), ("Suspended", True)):
        conn = Conn({"get_bucket_versioning": {"Status": current}}, policies=[{"policy_name": "p"}])
        reconcile(conn, "b", Plan({"versioning": wanted}))
        assert conn.policy_reads == 0


def test_keeping_replication_rules_beside_suspended_versioning_fails_without_a_call():
    with pytest.raises(SettingError, match="replication_rules: \\[\\] to remove"):
        Plan({"versioning": False, "service_instance_id": "crn:v1:bluemix:public:cloud-object-storage:global:a/x:g::",
              "replication_rules": [{"id": "r", "destination_bucket": "other"}]})
