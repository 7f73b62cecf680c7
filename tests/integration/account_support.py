"""What the account holds, read straight from the stack's account APIs (independent of the
collection's code), and clean-up for the account integration tests."""
from __future__ import annotations

import uuid

import pytest
import requests

from cos_stack.admin import writes

GRANT_APIKEY = "urn:ibm:params:oauth:grant-type:apikey"


class Account:
    def __init__(self, env):
        self.env = env
        self.verify = env["IBM_COS_CA_BUNDLE"]
        token = requests.post(env["IBM_IAM_ENDPOINT"], data={"grant_type": GRANT_APIKEY,
                                                             "apikey": env["IBMCLOUD_API_KEY"]},
                              verify=self.verify, timeout=10).json()["access_token"]
        self.headers = {"Authorization": f"Bearer {token}"}
        self.controller = env["IBM_RESOURCE_CONTROLLER_ENDPOINT"]
        self.account_id = env["IBM_COS_INSTANCE_CRN"].split(":")[6][2:]

    def get(self, url, **params):
        return requests.get(url, params=params, headers=self.headers, verify=self.verify, timeout=10).json()

    def instances_named(self, name):
        return self.get(self.controller + "/v2/resource_instances", name=name)["resources"]

    def keys_of(self, guid):
        return self.get(f"{self.controller}/v2/resource_instances/{guid}/resource_keys")["resources"]

    def key(self, guid):
        return self.get(f"{self.controller}/v2/resource_keys/{guid}")

    def tags_of(self, crn):
        return sorted(i["name"] for i in self.get(self.env["IBM_GLOBAL_TAGGING_ENDPOINT"] + "/v3/tags",
                                                  attached_to=crn)["items"])

    def authorizations(self):
        return self.get(self.env["IBM_IAM_POLICY_ENDPOINT"] + "/v1/policies", account_id=self.account_id,
                        type="authorization")["policies"]

    def delete_instances_named(self, name):
        for instance in self.instances_named(name):
            requests.delete(f"{self.controller}/v2/resource_instances/{instance['guid']}",
                            params={"recursive": "true"}, headers=self.headers, verify=self.verify, timeout=10)


@pytest.fixture
def account(cos_env, stack):
    return Account(cos_env)


@pytest.fixture
def instance_name(request, account):
    stem = "".join(c if c.isalnum() else "-" for c in request.node.name.lower())[:30].strip("-")
    name = f"it-{stem}-{uuid.uuid4().hex[:6]}"
    yield name
    account.delete_instances_named(name)


def run_counted(ansible, stack, module, args, **kwargs):
    """Run one task; return (result, the stack's counters for it)."""
    stack.reset_counters()
    result = ansible.module(module, args, **kwargs)
    return result, stack.counters()


def account_writes(ops):
    return {op: n for op, n in writes(ops).items()}
