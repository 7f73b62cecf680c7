"""Resource Controller v2 service instances and resource keys (LEDGER.md RCI-*, RCK-*, ACCT-02)."""

import uuid

import pytest

from account_api import LITE, ONE_RATE, STANDARD, api, instance  # noqa: F401  (fixtures)
from cos_clients import hmac_client, iam_token, token_client

pytestmark = pytest.mark.stack_only


@pytest.mark.ledger("RCI-01")
def test_create_answers_a_service_instance_whose_id_is_its_crn(api, instance):
    assert instance["id"] == instance["crn"]
    assert instance["crn"] == (f"crn:v1:bluemix:public:cloud-object-storage:global:a/{instance['account_id']}:"
                               f"{instance['guid']}::")
    assert (instance["state"], instance["type"], instance["region_id"]) == ("active", "service_instance", "global")
    assert instance["resource_plan_id"] == STANDARD
    assert instance["resource_id"] == "dff97f5c-bc5e-4455-b470-411c3edbe49c"
    assert instance["resource_group_id"] == api.default_group()["id"]


@pytest.mark.ledger("RCI-06")
def test_the_same_name_twice_makes_two_instances(api):
    name = f"contract-twice-{uuid.uuid4().hex[:6]}"
    first, second = api.create_instance(name), api.create_instance(name)
    try:
        assert (first.status_code, second.status_code) == (201, 201)
        assert first.json()["guid"] != second.json()["guid"]
        listed = api.call("GET", api.controller + "/v2/resource_instances", params={"name": name}).json()
        assert listed["rows_count"] == 2
        assert {i["guid"] for i in listed["resources"]} == {first.json()["guid"], second.json()["guid"]}
    finally:
        for created in (first, second):
            api.call("DELETE", f"{api.controller}/v2/resource_instances/{created.json()['guid']}")


@pytest.mark.ledger("RCI-02", "RCI-04", "RCK-06")
def test_unknown_plan_and_target_are_refused(api):
    assert api.create_instance(plan="00000000-0000-0000-0000-000000000000").status_code == 400
    refused = api.create_instance(target="us-south")
    assert refused.status_code == 400
    assert refused.json()["error_code"].startswith("RC-")


@pytest.mark.ledger("RCI-05")
def test_one_lite_instance_per_account(api):
    first = api.create_instance(plan=LITE)
    second = api.create_instance(plan=LITE)
    try:
        assert first.status_code == 201
        assert second.status_code == 400
        assert "Lite" in second.json()["message"]
    finally:
        api.call("DELETE", f"{api.controller}/v2/resource_instances/{first.json()['guid']}")


@pytest.mark.ledger("RCI-07")
def test_list_pages_with_next_url(api):
    name = f"contract-pages-{uuid.uuid4().hex[:6]}"
    made = [api.create_instance(name).json() for _ in range(3)]
    try:
        page = api.call("GET", api.controller + "/v2/resource_instances", params={"name": name, "limit": 2}).json()
        assert page["rows_count"] == 2 and page["next_url"]
        rest = api.call("GET", api.controller + page["next_url"]).json()
        assert rest["rows_count"] == 1 and rest["next_url"] is None
        assert {i["guid"] for i in page["resources"] + rest["resources"]} == {i["guid"] for i in made}
    finally:
        for document in made:
            api.call("DELETE", f"{api.controller}/v2/resource_instances/{document['guid']}")


@pytest.mark.ledger("RCI-03", "RCI-08")
def test_plan_changes_from_lite_to_standard_only(api):
    lite = api.create_instance(plan=LITE).json()
    url = f"{api.controller}/v2/resource_instances/{lite['guid']}"
    try:
        upgraded = api.call("PATCH", url, json={"resource_plan_id": STANDARD})
        assert upgraded.status_code == 200 and upgraded.json()["resource_plan_id"] == STANDARD
        refused = api.call("PATCH", url, json={"resource_plan_id": ONE_RATE})
        assert refused.status_code == 400
        assert api.call("GET", url).json()["resource_plan_id"] == STANDARD
    finally:
        api.call("DELETE", url)


@pytest.mark.ledger("RCI-10")
def test_a_new_instance_serves_s3_to_its_creator_with_a_token_issued_before(env, api, instance):
    client = token_client(env, api.token, instance=instance["crn"])
    name = f"contract-new-instance-{uuid.uuid4().hex[:6]}"
    client.create_bucket(Bucket=name)
    try:
        assert [b["Name"] for b in client.list_buckets()["Buckets"]] == [name]
    finally:
        client.delete_bucket(Bucket=name)


@pytest.mark.ledger("RCI-09")
def test_delete_with_keys_needs_recursive(api, instance):
    assert api.create_key(instance["guid"]).status_code == 201
    url = f"{api.controller}/v2/resource_instances/{instance['guid']}"
    refused = api.call("DELETE", url)
    assert refused.status_code == 400
    assert api.call("GET", url).json()["state"] == "active"
    assert api.call("DELETE", url, params={"recursive": "true"}).status_code == 202
    assert api.call("GET", url).status_code == 404
    keys = api.call("GET", api.controller + "/v2/resource_keys", params={"name": "contract-key"}).json()
    assert instance["crn"] not in [k["source_crn"] for k in keys["resources"]]


@pytest.mark.ledger("RCK-01", "RCK-02", "RCK-05")
def test_key_credentials_are_shown_once_by_id_and_redacted_in_lists(api, instance):
    created = api.create_key(instance["crn"], role="Manager", hmac=True)
    assert created.status_code == 201
    credentials = created.json()["credentials"]
    assert {"apikey", "cos_hmac_keys", "iam_role_crn", "iam_serviceid_crn", "resource_instance_id",
            "endpoints", "iam_apikey_name"} <= set(credentials)
    assert credentials["iam_role_crn"] == "crn:v1:bluemix:public:iam::::serviceRole:Manager"
    assert credentials["resource_instance_id"] == instance["crn"]
    listed = api.call("GET", f"{api.controller}/v2/resource_instances/{instance['guid']}/resource_keys").json()
    assert [k["credentials"] for k in listed["resources"]] == [{"REDACTED": "REDACTED"}]
    read = api.call("GET", f"{api.controller}/v2/resource_keys/{created.json()['guid']}").json()
    assert read["credentials"] == credentials


@pytest.mark.ledger("RCK-03")
def test_a_keys_api_key_and_hmac_pair_work_until_the_key_is_deleted(env, api, instance):
    key = api.create_key(instance["guid"], hmac=True).json()
    credentials = key["credentials"]
    assert iam_token(env, credentials["apikey"])
    client = hmac_client(env, credentials["cos_hmac_keys"]["access_key_id"],
                         credentials["cos_hmac_keys"]["secret_access_key"])
    assert client.list_buckets()["Buckets"] == []
    assert api.call("DELETE", f"{api.controller}/v2/resource_keys/{key['guid']}").status_code == 204
    with pytest.raises(Exception):
        iam_token(env, credentials["apikey"])


@pytest.mark.ledger("RCK-04")
def test_unknown_role_and_source_are_refused(api, instance):
    assert api.create_key(instance["guid"], role="Owner").status_code == 400
    assert api.create_key(str(uuid.uuid4())).status_code == 400


@pytest.mark.ledger("ACCT-02")
def test_calls_without_a_bearer_token_are_401(api):
    import requests

    answer = requests.get(api.controller + "/v2/resource_instances", verify=api.verify, timeout=10)
    assert answer.status_code == 401


@pytest.mark.ledger("RCK-07")
def test_the_stacks_configured_instance_takes_keys(env, api):
    made = api.create_key(env["IBM_COS_INSTANCE_CRN"], name="contract-seeded-key")
    assert made.status_code == 201
    key = made.json()
    try:
        assert key["credentials"]["resource_instance_id"] == env["IBM_COS_INSTANCE_CRN"]
        assert iam_token(env, key["credentials"]["apikey"])
    finally:
        assert api.call("DELETE", f"{api.controller}/v2/resource_keys/{key['guid']}").status_code == 204
