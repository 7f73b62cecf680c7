"""Pure logic of the account modules: which instance wins, where the APIs are, what a CRN holds,
which settings the account modules accept."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils._settings import SettingsError, resolve_settings
from ansible_collections.ibm.cos.plugins.module_utils.account._connection import (
    account_endpoints,
    require_iam,
)
from ansible_collections.ibm.cos.plugins.module_utils.account.crn import Crn, instance_guid
from ansible_collections.ibm.cos.plugins.module_utils.account.instance import oldest

KEY_CRN = "crn:v1:bluemix:public:kms:us-south:a/acct1:inst-guid:key:key-id"


def test_the_oldest_instance_wins_and_ties_go_to_the_smaller_guid():
    made = [{"guid": "b", "created_at": "2026-01-01T00:00:01Z"}, {"guid": "c", "created_at": "2026-01-01T00:00:00Z"},
            {"guid": "a", "created_at": "2026-01-01T00:00:01Z"}]
    assert oldest(made)["guid"] == "c"
    assert oldest(made[::2])["guid"] == "a"
    assert oldest([]) is None


def test_endpoints_default_to_ibm_and_take_options_env_and_full_urls():
    assert account_endpoints({}, {}) == {
        "resource_controller_endpoint": "https://resource-controller.cloud.ibm.com",
        "resource_manager_endpoint": "https://resource-controller.cloud.ibm.com",
        "iam_policy_endpoint": "https://iam.cloud.ibm.com",
        "tagging_endpoint": "https://tags.global-search-tagging.cloud.ibm.com",
    }
    found = account_endpoints({"iam_policy_endpoint": "https://iam.example/v1/policies/"},
                              {"IBMCLOUD_RESOURCE_CONTROLLER_API_ENDPOINT": "https://rc.example",
                               "IBM_RESOURCE_MANAGER_ENDPOINT": "https://rm.example/v2/resource_groups"})
    assert found["iam_policy_endpoint"] == "https://iam.example"
    assert found["resource_controller_endpoint"] == "https://rc.example"
    assert found["resource_manager_endpoint"] == "https://rm.example"
    with pytest.raises(SettingsError, match="tagging_endpoint must be an http"):
        account_endpoints({"tagging_endpoint": "tags.example"}, {})
    # the calls carry the bearer token: cleartext only when asked for by name
    with pytest.raises(SettingsError, match="resource_controller_endpoint .* is cleartext http"):
        account_endpoints({"resource_controller_endpoint": "http://rc.example"}, {})
    assert account_endpoints({"resource_controller_endpoint": "http://rc.example"}, {},
                             allow_insecure_http=True)["resource_controller_endpoint"] == "http://rc.example"


def test_account_settings_need_no_s3_endpoint_but_iam():
    settings = resolve_settings({"api_key": "k"}, {}, needs_s3_endpoint=False)
    require_iam(settings)
    assert settings.auth_method == "api_key" and settings.endpoint is None and settings.region is None
    assert resolve_settings({"api_key": "k", "region": "eu-de"}, {}, needs_s3_endpoint=False).region == "eu-de"
    with pytest.raises(SettingsError, match="need IAM auth"):
        require_iam(resolve_settings({"hmac_access_key_id": "a", "hmac_secret_access_key": "b"}, {},
                                     needs_s3_endpoint=False))


def test_crns_name_their_service_account_and_instance():
    crn = Crn(KEY_CRN)
    assert (crn.service, crn.account, crn.instance, crn.resource_type) == ("kms", "acct1", "inst-guid", "key")
    assert instance_guid(KEY_CRN) == "inst-guid" and instance_guid("plain-guid") == "plain-guid"
    with pytest.raises(ValueError, match="is not a CRN"):
        Crn("crn:v1:short")


def test_a_cos_instance_is_named_by_its_crn_or_guid_and_the_message_names_the_option():
    from ansible_collections.ibm.cos.plugins.module_utils.account.crn import cos_instance_problem

    cos_crn = "crn:v1:bluemix:public:cloud-object-storage:global:a/acct1:d6f04d83-6c4f-4a62-a165-696756d63903::"
    guid = "d6f04d83-6c4f-4a62-a165-696756d63903"
    assert cos_instance_problem(cos_crn, "instance") is None
    assert cos_instance_problem(guid, "instance", guid_ok=True) is None
    assert "source_instance: " in cos_instance_problem(guid, "source_instance")  # a GUID is not a CRN there
    assert cos_instance_problem(KEY_CRN, "instance") == "instance must be a COS service instance CRN, got a 'kms' CRN"
    assert cos_instance_problem("nope", "instance", guid_ok=True) == \
        "instance must be a COS instance CRN or GUID, got 'nope'"


def test_account_api_errors_are_cos_errors_with_their_status_and_code():
    from ansible_collections.ibm.cos.plugins.module_utils import _errors
    from ansible_collections.ibm.cos.plugins.module_utils.account._connection import AccountApiError

    refused = AccountApiError("IAM Policy Management", 403, "forbidden", "no")
    msg, details = _errors.describe(refused)
    assert msg.startswith("IAM Policy Management answered HTTP 403: not allowed (no)") and "Administrator" in msg
    assert details == {"status": 403, "error_code": "forbidden"}
    msg = _errors.describe(AccountApiError("the Resource Controller", 400, "RC-BadRequest", "bad name"))[0]
    assert msg == "the Resource Controller answered HTTP 400 RC-BadRequest: bad name"


def test_an_account_resource_sends_writes_only_outside_check_mode_and_reports_its_warnings():
    from ansible_collections.ibm.cos.plugins.module_utils.account._resource import AccountResource

    class Probe(AccountResource):
        def present(self):
            self.warnings.append("two found")
            return dict(changed=bool(self.write("create", lambda: "sent")), sent=self.write("tag", lambda: "sent"))

        def absent(self):
            return dict(changed=False)

    checked = Probe(None, {"state": "present"}, check_mode=True)
    assert checked.run() == {"changed": False, "sent": None, "warnings": ["two found"]}
    assert checked.writes == ["create", "tag"]
    live = Probe(None, {"state": "present"})
    assert live.run()["sent"] == "sent"
    assert Probe(None, {"state": "absent"}).run() == {"changed": False}
