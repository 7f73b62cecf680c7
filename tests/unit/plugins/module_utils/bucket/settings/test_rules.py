import pytest

from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import SettingError
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.activity_tracking import ActivityTrackingSetting
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.firewall import FirewallSetting
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.hard_quota import HardQuotaSetting, quota_bytes
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.metrics_monitoring import MetricsMonitoringSetting
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.key_protect_root_key_crn import KeyProtectSetting, key_protect_from_head
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.location_constraint import (
    PlacementSetting, creation_constraint, desired_placement, split_location_constraint)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.object_lock_default_retention import ObjectLockRetentionSetting
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.retention import (
    RetentionSetting, retention_from_api)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.object_lock import ObjectLockSetting, lock_enabled
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.acl import OPTIONS
from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils._lock_mode import normalize_lock_mode

KEY = "crn:v1:bluemix:public:kms:us-south:a/acct:inst:key:1234"


def policy(minimum=1, default=30, maximum=365, permanent=False):
    return {"minimum_days": minimum, "default_days": default, "maximum_days": maximum, "permanent": permanent}


class TestRetention:
    facet = RetentionSetting()

    def test_extending_is_allowed(self):
        self.facet.check_transition(policy(), policy(2, 40, 400, True))

    @pytest.mark.parametrize("desired, fragment", [
        (policy(default=10), "default_days would go from 30 down to 10"),
        (policy(maximum=100), "maximum_days would go from 365 down to 100"),
        ({}, "removing a retention policy"),
    ])
    def test_shortening_fails_clearly(self, desired, fragment):
        with pytest.raises(SettingError, match=fragment):
            self.facet.check_transition(policy(), desired)

    def test_permanent_cannot_be_turned_off(self):
        with pytest.raises(SettingError, match="permanent retention cannot be turned off"):
            self.facet.check_transition(policy(permanent=True), policy())

    def test_periods_must_be_ordered_and_complete(self):
        with pytest.raises(SettingError, match="minimum_days <= default_days"):
            self.facet.normalize(policy(minimum=50))
        with pytest.raises(SettingError, match="missing: maximum_days"):
            self.facet.normalize({"minimum_days": 1, "default_days": 2})

    def test_empty_value_on_a_bucket_without_policy_is_no_change(self):
        assert self.facet.normalize({"permanent": False}) == {}
        self.facet.check_transition({}, {})


class TestFirewall:
    facet = FirewallSetting()

    def test_host_addresses_and_order_do_not_matter(self):
        a = self.facet.normalize({"allowed_ip": ["10.0.0.1", "192.168.0.0/16", "2001:DB8::1"],
                                  "allowed_network_type": ["Private", "public"]})
        b = self.facet.normalize({"allowed_ip": ["192.168.0.0/16", "2001:db8::1/128", "10.0.0.1/32", "10.0.0.1"],
                                  "allowed_network_type": ["public", "private"]})
        assert a == b
        assert a["allowed_ip"] == ["10.0.0.1/32", "192.168.0.0/16", "2001:db8::1/128"]

    def test_empty_value_clears_every_list(self):
        assert self.facet.normalize({}) == self.facet.absent == self.facet.from_config({})

    def test_bad_address(self):
        with pytest.raises(SettingError, match="not an IPv4 or IPv6"):
            self.facet.normalize({"allowed_ip": ["10.0.0.300"]})


def test_flags_left_out_are_false():
    facet = ActivityTrackingSetting()
    assert facet.normalize({"read_data_events": True}) == {
        "read_data_events": True, "write_data_events": False, "management_events": False,
        "activity_tracker_crn": None}
    assert facet.to_patch(facet.normalize({})) == {"activity_tracking": {
        "read_data_events": False, "write_data_events": False, "management_events": False}}


def test_an_omitted_section_reads_as_the_default():
    # The GET body is sparse: sections never set are left out.
    for facet in (ActivityTrackingSetting(), MetricsMonitoringSetting(), FirewallSetting(), HardQuotaSetting()):
        assert facet.from_config({}) == facet.absent == facet.normalize(None if facet.name != "hard_quota" else 0)
    assert ActivityTrackingSetting().from_config({"activity_tracking": {"read_data_events": True}}) == {
        "read_data_events": True, "write_data_events": False, "management_events": False,
        "activity_tracker_crn": None}


def test_a_legacy_crn_turns_management_events_on_and_compares_without_churn():
    facet = ActivityTrackingSetting()
    crn = "crn:v1:bluemix:public:logdnaat:us-south:a/x:y::"
    desired = facet.normalize({"activity_tracker_crn": crn, "management_events": False})
    assert desired["management_events"] is True
    read = facet.from_config({"activity_tracking": {"activity_tracker_crn": crn}})
    assert facet.equal(read, desired)
    # Removing a CRN the bucket has sends null; a CRN never set is not sent.
    assert facet.to_patch(facet.normalize({}), read)["activity_tracking"]["activity_tracker_crn"] is None
    assert "activity_tracker_crn" not in facet.to_patch(facet.normalize({}), facet.absent)["activity_tracking"]
    metrics = MetricsMonitoringSetting()
    mcrn = "crn:v1:bluemix:public:sysdig-monitor:us-south:a/x:y::"
    assert metrics.from_config({"metrics_monitoring": {"metrics_monitoring_crn": mcrn}}) == {
        "usage_metrics_enabled": False, "request_metrics_enabled": False, "metrics_monitoring_crn": mcrn}


@pytest.mark.parametrize("value, expected", [
    (0, 0), ("", 0), (None, 0), (1024, 1024), ("1024", 1024), ("500GB", 500 * 10 ** 9),
    ("2 TiB", 2 * 2 ** 40), ("1.5GiB", 3 * 2 ** 29)])
def test_quota_sizes(value, expected):
    assert quota_bytes(value) == expected


@pytest.mark.parametrize("value", ["lots", "-1", "1.5", True])
def test_quota_rejects_non_sizes(value):
    with pytest.raises(SettingError, match="hard_quota"):
        quota_bytes(value)


class TestPlacement:
    facet = PlacementSetting()

    @pytest.mark.parametrize("constraint, parts", [
        ("us-south-standard", ("us-south", "standard")), ("us-smart", ("us", "smart")),
        ("ams03-cold", ("ams03", "cold")), ("jp-tok-onerate_active", ("jp-tok", "onerate_active")),
        ("us-south", ("us-south", None))])
    def test_split(self, constraint, parts):
        assert split_location_constraint(constraint) == parts

    def test_parts_left_out_are_not_compared(self):
        current = {"location": "us-south", "storage_class": "smart"}
        desired = self.facet.resolve(desired_placement({"location": "us-south"}), current, {})
        self.facet.check_transition(current, desired)

    def test_a_different_class_fails_with_both_values_and_a_way_out(self):
        current = {"location": "us-south", "storage_class": "standard"}
        desired = self.facet.resolve(desired_placement({"storage_class": "cold"}), current, {})
        with pytest.raises(SettingError) as failure:
            self.facet.check_transition(current, desired)
        message = str(failure.value)
        assert "location_constraint" in message and "'us-south-standard'" in message
        assert "'us-south-cold'" in message and "new bucket" in message

    def test_creation_constraint(self):
        assert creation_constraint(desired_placement({"location": "eu-de"})) == "eu-de-standard"
        assert creation_constraint(desired_placement({"storage_class": "vault"}), "us-south") == "us-south-vault"
        assert creation_constraint(desired_placement({})) is None
        with pytest.raises(SettingError, match="needs location"):
            creation_constraint(desired_placement({"storage_class": "vault"}))


class TestKeyProtect:
    facet = KeyProtectSetting()

    def test_head_header_true_in_any_case(self):
        assert key_protect_from_head({"IBM-SSE-KP-Enabled": "True", "ibm-sse-kp-crk-id": KEY}) == KEY
        assert key_protect_from_head({"ibm-sse-kp-enabled": "false", "ibm-sse-kp-crk-id": KEY}) == ""
        assert key_protect_from_head({}) == ""

    def test_key_id_or_crn_match(self):
        self.facet.check_transition("1234", KEY)
        self.facet.check_transition(KEY, KEY)

    def test_other_key_fails_naming_both(self):
        with pytest.raises(SettingError) as failure:
            self.facet.check_transition(KEY, KEY.replace("1234", "9999"))
        assert "key_protect_root_key_crn cannot change" in str(failure.value)
        assert KEY in str(failure.value) and "9999" in str(failure.value)

    def test_adding_a_key_to_an_unencrypted_bucket_fails(self):
        with pytest.raises(SettingError, match="no root key"):
            self.facet.check_transition("", KEY)

    def test_not_a_key_crn(self):
        with pytest.raises(SettingError, match="not a root key CRN"):
            self.facet.normalize("my-key")


def test_default_retention_needs_an_object_lock_bucket():
    facet = ObjectLockRetentionSetting()
    facet.check_transition(None, {})
    with pytest.raises(SettingError, match="object_lock: true"):
        facet.check_transition(None, facet.normalize({"days": 3}))
    assert facet.normalize({"mode": None, "days": None, "years": None}) == {}
    assert facet.normalize({"years": 1}) == {"mode": "COMPLIANCE", "years": 1}


class TestObjectLockDefaultRetention:
    facet = ObjectLockRetentionSetting()

    @pytest.mark.parametrize("value, fragment", [
        ({"mode": "GOVERNANCE"}, "needs days or years"),
        ({"mode": "compliance", "days": None, "years": None}, "needs days or years"),
        ({"days": 0}, "days must be 1 to 36500"),
        ({"years": 0}, "years must be 1 to 100"),
        ({"days": 36501}, "days must be 1 to 36500"),
        ({"years": 101}, "years must be 1 to 100"),
        ({"days": 1, "years": 1}, "not both"),
        ({"mode": "legal-hold", "days": 1}, "COMPLIANCE or GOVERNANCE"),
    ])
    def test_what_cos_refuses_is_refused_without_a_call(self, value, fragment):
        with pytest.raises(SettingError, match=fragment):
            self.facet.normalize(value)

    def test_limits_and_either_case_of_the_mode(self):
        assert self.facet.normalize({"days": 36500}) == {"mode": "COMPLIANCE", "days": 36500}
        assert self.facet.normalize({"mode": "governance", "years": 100}) == {"mode": "GOVERNANCE", "years": 100}
        assert self.facet.normalize({"mode": "Governance", "days": 1}) == self.facet.normalize(
            {"mode": "GOVERNANCE", "days": 1})

    def test_the_rule_cannot_be_removed(self):
        with pytest.raises(SettingError, match="cannot remove a default retention"):
            self.facet.check_transition({"mode": "COMPLIANCE", "days": 3}, {})
        self.facet.check_transition({}, {})  # Object Lock without a rule: nothing to remove

    def test_cos_fills_the_unused_unit_with_zero(self):
        from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.object_lock_default_retention import (
            normalize_default_retention)
        assert normalize_default_retention({"mode": "GOVERNANCE", "days": 5, "years": 0}, unused_is_zero=True) == {
            "mode": "GOVERNANCE", "days": 5}


class TestObjectLock:
    def setting(self, params):
        facet = ObjectLockSetting()
        facet.desired(dict({"object_lock": True}, **params))
        return facet

    def test_enabled_in_either_spelling(self):
        assert lock_enabled({"ObjectLockEnabled": "Enabled"}) and lock_enabled({"ObjectLockEnabled": "ENABLED"})
        assert not lock_enabled({}) and not lock_enabled({"ObjectLockEnabled": "Disabled"})

    def test_enabling_on_an_existing_bucket_needs_a_rule(self):
        with pytest.raises(SettingError, match="needs object_lock_default_retention"):
            self.setting({}).check_transition(False, True)
        self.setting({"object_lock_default_retention": {"days": 1}}).check_transition(False, True)

    def test_disabling_is_refused(self):
        with pytest.raises(SettingError, match="cannot be disabled"):
            self.setting({}).check_transition(True, False)

    def test_enabling_writes_the_configuration_with_its_rule(self):
        facet = self.setting({"object_lock_default_retention": {"mode": "governance", "days": 2}})
        s3 = type("S3", (), {"put_object_lock_configuration": lambda self, **kw: calls.append(kw)})()
        calls = []
        facet.write(type("Ctx", (), {"s3": s3, "bucket": "b"})(), True, False)
        assert calls == [{"Bucket": "b", "ObjectLockConfiguration": {
            "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 2}}}}]


class TestRetentionReadBack:
    facet = RetentionSetting()
    policy = {"Status": "Retention", "MinimumRetention": {"Days": 1}, "DefaultRetention": {"Days": 2},
              "MaximumRetention": {"Days": 3}}

    def test_a_missing_permanent_flag_is_unknown_and_not_compared(self):
        current = retention_from_api(self.policy)
        assert current["permanent"] is None
        for permanent in (True, False):
            desired = self.facet.normalize({"minimum_days": 1, "default_days": 2, "maximum_days": 3,
                                            "permanent": permanent})
            assert self.facet.equal(current, desired)
            self.facet.check_transition(current, desired)

    def test_an_echoed_flag_is_compared(self):
        current = retention_from_api(dict(self.policy, EnablePermanentRetention=True))
        assert current["permanent"] is True
        with pytest.raises(SettingError, match="permanent retention cannot be turned off"):
            self.facet.check_transition(current, dict(current, permanent=False))

    def test_either_status_spelling_means_a_policy(self):
        assert retention_from_api(dict(self.policy, Status="COMPLIANCE"))["maximum_days"] == 3
        assert retention_from_api({"Status": "Disabled"}) == {}

    def test_the_ceiling_is_36135_days(self):
        with pytest.raises(SettingError, match="outside 0-36135"):
            self.facet.normalize({"minimum_days": 0, "default_days": 0, "maximum_days": 36136})
        assert self.facet.normalize({"minimum_days": 0, "default_days": 0, "maximum_days": 36135})["maximum_days"] == 36135

    def test_a_policy_set_under_an_older_ceiling_is_still_read(self):
        assert retention_from_api(dict(self.policy, MaximumRetention={"Days": 365243}))["maximum_days"] == 365243


def test_the_lock_mode_normaliser_is_shared_and_names_the_option():
    assert normalize_lock_mode("governance") == "GOVERNANCE" and normalize_lock_mode(" Compliance ") == "COMPLIANCE"
    with pytest.raises(CosError, match="retention.mode: 'x' is not an Object Lock retention mode"):
        normalize_lock_mode("x", "retention.mode")


def test_acl_offers_only_what_cos_supports():
    assert OPTIONS["acl"]["choices"] == ["private", "public-read"]
