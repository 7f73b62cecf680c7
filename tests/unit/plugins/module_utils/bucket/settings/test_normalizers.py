import datetime

import pytest

from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import SettingError
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.cors_rules import (
    CorsSetting, cors_rule_from_api, cors_rule_to_api)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.lifecycle_rules import (
    LifecycleSetting, lifecycle_rule_from_api, lifecycle_rule_to_api, normalize_date)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.acl import canned_acl_from_grants
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.replication_rules import ReplicationSetting, bucket_crn
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.tags import TagsSetting
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.website import (
    WebsiteSetting, website_from_api, website_to_api)

INSTANCE = "crn:v1:bluemix:public:cloud-object-storage:global:a/acct:guid-1::"


def rule(**kw):
    return dict({"id": "r", "enabled": True, "prefix": ""}, **kw)


class TestLifecycle:
    facet = LifecycleSetting()

    def test_rule_order_does_not_matter(self):
        a = [rule(id="b", expiration_days=3), rule(id="a", expiration_days=5)]
        assert self.facet.normalize(a) == self.facet.normalize(list(reversed(a)))

    @pytest.mark.parametrize("value", ["2030-01-31", "2030-01-31T00:00:00Z", "2030-01-31T00:00:00.000Z",
                                       datetime.datetime(2030, 1, 31, tzinfo=datetime.timezone.utc),
                                       datetime.date(2030, 1, 31)])
    def test_dates_in_any_form_are_one_day(self, value):
        assert normalize_date(value, "expiration_date") == "2030-01-31"

    def test_round_trip_through_the_api_shape(self):
        rules = self.facet.normalize([
            rule(id="arch", transition_days=0),
            rule(id="exp", prefix="logs/", expiration_date="2030-01-01", noncurrent_version_expiration_days=30,
                 abort_incomplete_multipart_upload_days=7, enabled=False),
            rule(id="dm", expired_object_delete_marker=True),
        ])
        assert [lifecycle_rule_from_api(lifecycle_rule_to_api(r)) for r in rules] == rules
        assert rules[0]["transition_storage_class"] == "GLACIER"

    def test_cos_filled_fields_do_not_differ(self):
        api = {"ID": "r", "Status": "Enabled", "Filter": {},
               "Expiration": {"Days": 3, "ExpiredObjectDeleteMarker": False}}
        assert lifecycle_rule_from_api(api) == self.facet.normalize([rule(expiration_days=3)])[0]

    @pytest.mark.parametrize("rules, fragment", [
        ([rule(expiration_days=1, expiration_date="2030-01-01")], "use one"),
        ([rule()], "no action"),
        ([rule(expiration_days=1), rule(expiration_days=2)], "duplicate"),
        ([rule(id="a", transition_days=1), rule(id="b", transition_days=2)], "one transition"),
        ([rule(transition_days=1, prefix="x/")], "empty prefix"),
        ([rule(expiration_date="31/01/2030")], "must be a date"),
        ([rule(expiration_days=0)], "at most 2147483647"),
        ([rule(transition_storage_class="GLACIER", expiration_days=1)], "without transition_days"),
    ])
    def test_invalid_rules_fail_before_any_call(self, rules, fragment):
        with pytest.raises(SettingError, match=fragment):
            self.facet.normalize(rules)


class TestCors:
    facet = CorsSetting()

    def test_method_and_header_case_and_order_do_not_matter(self):
        a = self.facet.normalize([{"allowed_origins": ["https://b", "https://a"], "allowed_methods": ["get", "PUT"],
                                   "allowed_headers": ["X-Foo", "authorization"], "expose_headers": ["ETag"]}])
        b = self.facet.normalize([{"allowed_origins": ["https://a", "https://b"], "allowed_methods": ["PUT", "GET"],
                                   "allowed_headers": ["Authorization", "x-foo"], "expose_headers": ["etag"]}])
        assert self.facet.equal(a, b)

    def test_headers_are_written_as_given(self):
        [rule] = self.facet.normalize([{"allowed_origins": ["*"], "allowed_methods": ["get"],
                                        "allowed_headers": ["X-Foo", "Authorization"],
                                        "expose_headers": ["x-b", "ETag", "x-a"]}])
        api = cors_rule_to_api(rule)
        assert api["AllowedHeaders"] == ["X-Foo", "Authorization"]
        assert api["ExposeHeaders"] == ["x-b", "ETag", "x-a"]
        assert api["AllowedMethods"] == ["GET"]

    def test_more_than_100_rules_are_refused(self):
        rule = {"allowed_origins": ["*"], "allowed_methods": ["GET"]}
        assert len(self.facet.normalize([rule] * 100)) == 100
        with pytest.raises(SettingError, match="101 rules; at most 100"):
            self.facet.normalize([rule] * 101)

    def test_round_trip(self):
        [normal] = self.facet.normalize([{"id": "web", "allowed_origins": ["*"], "allowed_methods": ["GET"],
                                          "max_age_seconds": 60}])
        assert cors_rule_from_api(cors_rule_to_api(normal)) == normal

    def test_unknown_method_is_refused(self):
        with pytest.raises(SettingError, match="PATCH"):
            self.facet.normalize([{"allowed_origins": ["*"], "allowed_methods": ["PATCH"]}])


class TestWebsite:
    facet = WebsiteSetting()

    def test_round_trip_keeps_routing_rule_order(self):
        value = self.facet.normalize({
            "index_document": "index.html", "error_document": "404.html",
            "routing_rules": [{"condition": {"key_prefix_equals": "b/"}, "redirect": {"replace_key_prefix_with": "c/"}},
                              {"condition": {"http_error_code_returned_equals": 404},
                               "redirect": {"host_name": "x.example", "http_redirect_code": 301}}]})
        assert website_from_api(website_to_api(value)) == value
        assert value["routing_rules"][1]["condition"] == {"http_error_code_returned_equals": "404"}

    def test_empty_value_is_no_website(self):
        assert self.facet.normalize({"index_document": None, "routing_rules": None}) == {}

    def test_redirect_all_excludes_the_rest(self):
        with pytest.raises(SettingError, match="cannot be combined"):
            self.facet.normalize({"index_document": "i.html", "redirect_all_requests_to": {"host_name": "x"}})

    def test_index_document_is_required(self):
        with pytest.raises(SettingError, match="index_document is required"):
            self.facet.normalize({"error_document": "e.html"})


class TestTags:
    """COS has no bucket tags: any task that sets tags or purge_tags is refused before a call."""

    @pytest.mark.parametrize("params", [{"tags": {"team": "web"}}, {"tags": {}}, {"purge_tags": False},
                                        {"tags": {"a": "1"}, "purge_tags": True}])
    def test_tags_are_refused_pointing_to_instance_tags(self, params):
        facet = TagsSetting()
        assert facet.selected(params)
        with pytest.raises(SettingError, match="no bucket tagging.*service instance"):
            facet.desired(params)


def test_canned_acl_from_grants():
    owner = {"Grantee": {"Type": "CanonicalUser", "ID": "me"}, "Permission": "FULL_CONTROL"}
    everyone = {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}
    assert canned_acl_from_grants([owner], "me") == "private"
    assert canned_acl_from_grants([owner, {"Grantee": everyone, "Permission": "READ"}], "me") == "public-read"
    assert canned_acl_from_grants([owner, {"Grantee": everyone, "Permission": "READ"},
                                   {"Grantee": everyone, "Permission": "WRITE"}], "me") == "public-read-write"
    assert canned_acl_from_grants([owner, {"Grantee": {"Type": "CanonicalUser", "ID": "x"},
                                           "Permission": "READ"}], "me") == "custom"


def test_replication_destination_name_becomes_a_crn():
    [normal] = ReplicationSetting().desired({"service_instance_id": INSTANCE, "replication_rules": [
        {"id": "r", "destination_bucket": "backup"}]})
    assert normal["destination_bucket"] == bucket_crn(INSTANCE, "backup")
    assert normal["destination_bucket"].endswith(":guid-1:bucket:backup")


def test_replication_name_without_an_instance_crn_fails():
    with pytest.raises(SettingError, match="must be a bucket CRN"):
        ReplicationSetting().desired({"service_instance_id": "guid-only", "replication_rules": [
            {"id": "r", "destination_bucket": "backup"}]})
