"""A requests client for the account APIs the contract tests call (Resource Controller, Resource
Manager, IAM Policy Management, Global Tagging), plus the request bodies they share."""

import uuid

import pytest
import requests

from cos_clients import iam_token

STANDARD = "744bfc56-d12c-4866-88d5-dac9139e0e5d"
LITE = "2fdf0c08-2d32-4f46-84b5-32e0c92fffd8"
ONE_RATE = "1e4e33e4-cfa6-4f12-9016-be594a6d5f87"


class AccountApi:
    def __init__(self, env, api_key=None):
        self.env = env
        self.token = iam_token(env, api_key)
        self.verify = env.get("IBM_COS_CA_BUNDLE") or True
        self.controller = env["IBM_RESOURCE_CONTROLLER_ENDPOINT"].rstrip("/")
        self.manager = env["IBM_RESOURCE_MANAGER_ENDPOINT"].rstrip("/")
        self.policies = env["IBM_IAM_POLICY_ENDPOINT"].rstrip("/")
        self.tagging = env["IBM_GLOBAL_TAGGING_ENDPOINT"].rstrip("/")

    def call(self, method, url, **kwargs):
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        return requests.request(method, url, headers=headers, verify=self.verify, timeout=10, **kwargs)

    def default_group(self):
        return self.call("GET", self.manager + "/v2/resource_groups", params={"default": "true"}).json()["resources"][0]

    def create_instance(self, name=None, plan=STANDARD, **extra):
        body = {"name": name or f"contract-{uuid.uuid4().hex[:8]}", "target": "global",
                "resource_group": self.default_group()["id"], "resource_plan_id": plan, **extra}
        return self.call("POST", self.controller + "/v2/resource_instances", json=body)

    def create_key(self, source, name="contract-key", role="Writer", hmac=False):
        body = {"name": name, "source": source, "role": role}
        if hmac:
            body["parameters"] = {"HMAC": True}
        return self.call("POST", self.controller + "/v2/resource_keys", json=body)

    def authorization_body(self, source_guid, target_guid, role="Reader", target_service="kms"):
        account = self.env["IBM_COS_INSTANCE_CRN"].split(":")[6][2:]
        return {
            "type": "authorization",
            "subjects": [{"attributes": [{"name": "accountId", "value": account},
                                         {"name": "serviceName", "value": "cloud-object-storage"},
                                         {"name": "serviceInstance", "value": source_guid}]}],
            "roles": [{"role_id": f"crn:v1:bluemix:public:iam::::serviceRole:{role}"}],
            "resources": [{"attributes": [{"name": "accountId", "value": account},
                                          {"name": "serviceName", "value": target_service},
                                          {"name": "serviceInstance", "value": target_guid}]}],
        }


@pytest.fixture
def api(env):
    return AccountApi(env)


@pytest.fixture
def instance(api):
    """A COS instance made through the Resource Controller for one test, deleted with what it holds."""
    created = api.create_instance()
    assert created.status_code == 201, created.text
    yield created.json()
    api.call("DELETE", f"{api.controller}/v2/resource_instances/{created.json()['guid']}",
             params={"recursive": "true"})
