"""What a bucket's backup policies forbid: the messages, and when a refusal from COS is explained."""
import types

import pytest

from ansible_collections.ibm.cos.plugins.module_utils.bucket import backup_guard
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import SettingError

VAULT_CRN = "crn:v1:bluemix:public:cloud-object-storage:global:a/acct:guid:backup-vault:{}"
POLICIES = [{"policy_name": "nightly", "policy_status": "active", "target_backup_vault_crn": VAULT_CRN.format("v1")},
            {"policy_name": "offsite", "policy_status": "initializing", "target_backup_vault_crn": VAULT_CRN.format("v2")}]


class ClientError(Exception):
    def __init__(self, status, code, message=""):
        super().__init__(code)
        self.response = {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}


@pytest.fixture
def policies(monkeypatch):
    """Set `.found` (and `.why`) to what read_policies answers; `.reads` counts the reads."""
    state = types.SimpleNamespace(found=[], why=None, reads=0)

    def read_policies(conn, bucket):
        state.reads += 1
        return state.found, state.why

    monkeypatch.setattr(backup_guard, "read_policies", read_policies)
    return state


def test_the_message_names_every_policy_its_vault_and_status_and_what_to_do():
    message = backup_guard.protected_message("data", POLICIES, "delete")
    assert message.startswith("bucket 'data' has 2 backup policies: 'nightly' (into backup vault 'v1', active), "
                              "'offsite' (into backup vault 'v2', initializing).")
    assert "refuses to delete a bucket" in message and "ibm.cos.cos_backup_policy" in message
    assert "suspend versioning" in backup_guard.protected_message("data", POLICIES[:1], "suspend")


def test_refuse_if_protected_raises_with_the_policy_names(policies):
    policies.found = POLICIES
    with pytest.raises(SettingError) as raised:
        backup_guard.refuse_if_protected(None, "data", "delete")
    assert raised.value.details == {"name": "data", "backup_policies": ["nightly", "offsite"]}


def test_unreadable_policies_warn_only_when_asked(policies):
    policies.found, policies.why = None, "HMAC keys cannot read backup policies"
    warnings = []
    backup_guard.refuse_if_protected(None, "data", "delete")
    backup_guard.refuse_if_protected(None, "data", "delete", warnings)
    assert len(warnings) == 1 and "HMAC keys" in warnings[0] and "force" in warnings[0]


@pytest.mark.parametrize("status, code", [(409, "InvalidBucketState"), (400, "InvalidRequest"), (412, "Whatever")])
def test_any_refusing_4xx_is_explained_by_the_policies(policies, status, code):
    policies.found = POLICIES[:1]
    with pytest.raises(SettingError, match="backup policy: 'nightly'"):
        backup_guard.explain_refusal(None, "data", "delete", ClientError(status, code))


def test_a_refusal_with_unreadable_policies_says_so(policies):
    policies.found, policies.why = None, "listing them answered 403"
    with pytest.raises(SettingError) as raised:
        backup_guard.explain_refusal(None, "data", "suspend", ClientError(409, "InvalidBucketState", "has policies"))
    message = str(raised.value)
    assert message.startswith("COS refused to suspend versioning on bucket 'data': 409 InvalidBucketState has policies.")
    assert "listing them answered 403" in message and raised.value.details["http_status"] == 409


@pytest.mark.parametrize("error", [ClientError(404, "NoSuchBucket"), ClientError(403, "AccessDenied"),
                                   ClientError(503, "SlowDown"), ValueError("not an SDK error")])
def test_missing_denied_server_and_other_errors_are_left_alone(policies, error):
    policies.found = POLICIES
    backup_guard.explain_refusal(None, "data", "delete", error)
    assert policies.reads == 0


def test_a_refusal_of_a_bucket_without_policies_is_left_to_the_caller(policies):
    backup_guard.explain_refusal(None, "data", "delete", ClientError(409, "InvalidBucketState"))
    assert policies.reads == 1


def test_hmac_keys_cannot_read_policies():
    conn = types.SimpleNamespace(settings=types.SimpleNamespace(uses_iam=False))
    assert backup_guard.read_policies(conn, "data") == (None, "HMAC keys cannot read backup policies")


class Response:
    def __init__(self, status, body):
        self.status_code, self.body = status, body
        self.content = b"x"
        self.text = str(body)

    def json(self):
        return self.body


def conn_answering(status, body):
    """A connection whose Resource Configuration API answers every request with `status` and `body`."""
    session = types.SimpleNamespace(request=lambda *args, **kwargs: Response(status, body))
    config_api = types.SimpleNamespace(token=types.SimpleNamespace(get_token=lambda: "t"), session=session,
                                       base_url="https://config.example", verify=True, timeout=5)
    return types.SimpleNamespace(settings=types.SimpleNamespace(uses_iam=True), config_api=config_api)


def test_the_policy_list_is_read_and_a_4xx_makes_it_unknown():
    assert backup_guard.read_policies(conn_answering(200, {"backup_policies": POLICIES}), "data") == (POLICIES, None)
    assert backup_guard.read_policies(conn_answering(403, {"errors": []}), "data") == (None, "listing them answered 403")


def test_a_server_error_after_retries_fails_clearly():
    with pytest.raises(backup_guard_errors().CosError, match="could not list the backup policies of bucket 'data' \\(503"):
        backup_guard.read_policies(conn_answering(503, {"errors": [{"message": "down"}]}), "data")


def backup_guard_errors():
    from ansible_collections.ibm.cos.plugins.module_utils import _errors

    return _errors
