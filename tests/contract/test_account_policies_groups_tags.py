"""IAM authorization policies, resource groups and user tags (LEDGER.md POL-*, RMG-*, GT-*, ACCT-01); faults and
counters on the account operations."""

import uuid

import pytest

from account_api import AccountApi

pytestmark = pytest.mark.stack_only
KP_INSTANCE = "0b7f4e2a-1c3d-4e5f-8a9b-c0d1e2f3a4b5"


@pytest.fixture
def api(env):
    return AccountApi(env)


def _account(env):
    return env["IBM_COS_INSTANCE_CRN"].split(":")[6][2:]


@pytest.mark.ledger("POL-01", "POL-02", "POL-05")
def test_authorization_policy_is_created_once_by_content(env, api):
    body = api.authorization_body(str(uuid.uuid4()), KP_INSTANCE)
    created = api.call("POST", api.policies + "/v1/policies", json=body)
    assert created.status_code == 201
    policy = created.json()
    assert (policy["type"], policy["state"]) == ("authorization", "active")
    assert policy["roles"][0]["role_id"].endswith("serviceRole:Reader")
    assert policy["href"] == f"/v1/policies/{policy['id']}"
    again = api.call("POST", api.policies + "/v1/policies", json=body)
    assert again.status_code == 409
    assert again.json()["errors"][0]["code"] == "policy_conflict_error"
    listed = api.call("GET", api.policies + "/v1/policies",
                      params={"account_id": _account(env), "type": "authorization"}).json()["policies"]
    assert [p["id"] for p in listed].count(policy["id"]) == 1
    assert api.call("DELETE", f"{api.policies}/v1/policies/{policy['id']}").status_code == 204
    assert api.call("GET", f"{api.policies}/v1/policies/{policy['id']}").status_code == 404


@pytest.mark.ledger("POL-03", "POL-04")
def test_policy_list_needs_the_account_and_bodies_are_checked(api):
    assert api.call("GET", api.policies + "/v1/policies").status_code == 400
    body = api.authorization_body(str(uuid.uuid4()), KP_INSTANCE)
    del body["subjects"][0]["attributes"][1]  # serviceName
    refused = api.call("POST", api.policies + "/v1/policies", json=body)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["code"] == "invalid_body"


@pytest.mark.ledger("RMG-01")
def test_resource_groups_list_the_default_and_filter_by_name(api):
    everything = api.call("GET", api.manager + "/v2/resource_groups").json()["resources"]
    defaults = [g for g in everything if g["default"]]
    assert len(defaults) == 1 and defaults[0]["name"] == "Default"
    named = api.call("GET", api.manager + "/v2/resource_groups", params={"name": "cos-stack-apps"}).json()
    assert [g["name"] for g in named["resources"]] == ["cos-stack-apps"]
    assert api.call("GET", api.manager + "/v2/resource_groups", params={"name": "nope"}).json()["resources"] == []


@pytest.mark.ledger("RMG-02")
def test_a_resource_group_is_read_by_its_id(api):
    group = api.default_group()
    read = api.call("GET", f"{api.manager}/v2/resource_groups/{group['id']}")
    assert read.status_code == 200 and read.json() == group
    assert api.call("GET", f"{api.manager}/v2/resource_groups/{uuid.uuid4().hex}").status_code == 404


@pytest.mark.ledger("POL-06")
def test_a_backup_authorization_takes_the_cos_backup_roles(api):
    body = api.authorization_body(str(uuid.uuid4()), str(uuid.uuid4()), target_service="cloud-object-storage")
    body["roles"] = [{"role_id": "crn:v1:bluemix:public:cloud-object-storage::::serviceRole:BackupManager"}]
    created = api.call("POST", api.policies + "/v1/policies", json=body)
    assert created.status_code == 201
    try:
        assert created.json()["roles"][0]["role_id"].endswith("serviceRole:BackupManager")
        body["roles"] = [{"role_id": "BackupManager"}]  # a bare role name is not a role CRN
        assert api.call("POST", api.policies + "/v1/policies", json=body).status_code == 400
    finally:
        api.call("DELETE", f"{api.policies}/v1/policies/{created.json()['id']}")


@pytest.mark.ledger("GT-01", "GT-02")
def test_tags_are_set_at_create_and_attached_and_detached(api):
    instance = api.create_instance(tags=["env:dev", "team:a"]).json()
    try:
        def tags():
            answer = api.call("GET", api.tagging + "/v3/tags", params={"attached_to": instance["crn"]}).json()
            return sorted(item["name"] for item in answer["items"])

        assert tags() == ["env:dev", "team:a"]
        body = {"resources": [{"resource_id": instance["crn"]}], "tag_names": ["team:b"]}
        assert api.call("POST", api.tagging + "/v3/tags/attach", json=body).status_code == 200
        body["tag_names"] = ["team:a"]
        assert api.call("POST", api.tagging + "/v3/tags/detach", json=body).status_code == 200
        assert tags() == ["env:dev", "team:b"]
    finally:
        api.call("DELETE", f"{api.controller}/v2/resource_instances/{instance['guid']}")


@pytest.mark.ledger("ACCT-01")
def test_account_calls_are_counted_and_take_faults(private_stack):
    env = private_stack.env
    from cos_stack.admin import StackAdmin, writes

    admin = StackAdmin.from_env(env)
    api = AccountApi(env)
    admin.reset_counters()
    admin.set_fault("CreateResourceInstance", status=503, count=1)
    faulted = api.create_instance(name="contract-faulted")
    assert faulted.status_code == 503
    made = api.create_instance(name="contract-faulted")
    assert made.status_code == 201
    listed = api.call("GET", api.controller + "/v2/resource_instances", params={"name": "contract-faulted"})
    assert listed.json()["rows_count"] == 1  # the faulted create changed nothing
    ops = admin.counters()
    assert ops["CreateResourceInstance"] == 2 and ops["ListResourceInstances"] == 1
    assert writes(ops) == {"CreateResourceInstance": 2}
    admin.clear_faults()
    admin.reset()
    assert api.call("GET", api.controller + "/v2/resource_instances").json()["rows_count"] == 0
