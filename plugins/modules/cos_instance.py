#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_instance
short_description: Create, update or delete an IBM Cloud Object Storage service instance
version_added: 0.1.0
description:
  - Makes sure a COS service instance with O(name) exists in a resource group, with a plan and tags,
    through the IBM Cloud Resource Controller. The instance is found by name and resource group and is
    never created twice.
  - After creating, the module lists the instances with that name again. When a concurrent run created
    one too, every run keeps the oldest and the run whose instance lost deletes it, so parallel runs end
    with one instance and report the same CRN.
  - Returns the instance CRN and GUID, ready to use as O(service_instance_id) of the other ibm.cos modules.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.account
attributes:
  check_mode:
    description: Lists the instances with the name and reports what would be created, changed or deleted; writes nothing.
  diff_mode:
    description: Before and after of the instance's name, plan, resource group and (when managed) tags.
options:
  name:
    description:
      - Name of the instance. With the resource group, it identifies the instance.
    type: str
    required: true
  resource_group:
    description:
      - Name of the resource group. When neither this nor O(resource_group_id) is set, the account's default group.
    type: str
  resource_group_id:
    description:
      - ID of the resource group, instead of O(resource_group).
    type: str
  plan:
    description:
      - The pricing plan. V(one-rate) is the One Rate plan, offered in some regions only.
      - An existing instance can change from V(lite) to V(standard); other changes are refused.
    type: str
    choices: [standard, lite, one-rate]
    default: standard
  tags:
    description:
      - User tags of the instance, through the Global Tagging API. Tags not listed are removed.
      - When not set, tags are left as they are.
    type: list
    elements: str
  state:
    description:
      - V(absent) deletes the instance. It is refused while the instance holds buckets (which needs
        O(region) or O(endpoint) to check), and the Resource Controller refuses it while it has
        credentials, unless O(force).
    type: str
    choices: [present, absent]
    default: present
  force:
    description:
      - With O(state=absent), delete the instance without checking for buckets, together with its
        credentials. IBM Cloud keeps a deleted instance for reclamation for a while before its buckets are gone.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: A standard COS instance in the default resource group
  ibm.cos.cos_instance:
    name: example-app-storage
    tags: [env:dev]
  register: cos

- name: Its CRN is the service_instance_id of the bucket and object modules
  ansible.builtin.debug:
    msg: "service_instance_id: {{ cos.service_instance_id }}"

- name: A Lite instance in a named resource group, upgraded to Standard later by changing plan
  ibm.cos.cos_instance:
    name: example-trial-storage
    resource_group: cos-stack-apps
    plan: lite

- name: Delete an instance that holds no buckets
  ibm.cos.cos_instance:
    name: example-trial-storage
    resource_group: cos-stack-apps
    state: absent
"""

RETURN = r"""
crn:
  description: The instance CRN (also its Resource Controller ID).
  returned: when the instance exists
  type: str
  sample: "crn:v1:bluemix:public:cloud-object-storage:global:a/5a0c0ffee0000000000000000000c05a:d6f04d83-6c4f-4a62-a165-696756d63903::"
guid:
  description: The instance GUID.
  returned: when the instance exists
  type: str
  sample: d6f04d83-6c4f-4a62-a165-696756d63903
service_instance_id:
  description: The value to pass as O(service_instance_id) to the bucket and object modules (the CRN).
  returned: when the instance exists
  type: str
instance:
  description: The instance as it is (or would be, in check mode) after the task; null when absent.
  returned: always
  type: dict
  contains:
    name:
      description: Its name.
      type: str
    crn:
      description: Its CRN.
      type: str
    guid:
      description: Its GUID.
      type: str
    plan:
      description: V(standard), V(lite) or V(one-rate).
      type: str
    resource_group_id:
      description: Its resource group.
      type: str
    tags:
      description: Its user tags, when O(tags) is set.
      type: list
      elements: str
"""

from ansible_collections.ibm.cos.plugins.module_utils.account._connection import ACCOUNT_ARGUMENT_SPEC
from ansible_collections.ibm.cos.plugins.module_utils.account._module import run_account_module
from ansible_collections.ibm.cos.plugins.module_utils.account.instance import ServiceInstance

MAX_NAME = 180

ARGUMENT_SPEC = dict(
    ACCOUNT_ARGUMENT_SPEC,
    name=dict(type="str", required=True),
    resource_group=dict(type="str"),
    resource_group_id=dict(type="str"),
    plan=dict(type="str", choices=["standard", "lite", "one-rate"], default="standard"),
    tags=dict(type="list", elements="str"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    force=dict(type="bool", default=False),
)


def task_problem(params, settings=None):
    name = params["name"] or ""
    if not name.strip() or len(name) > MAX_NAME:
        return f"name must be 1 to {MAX_NAME} characters, got {len(name)}"
    for tag in params.get("tags") or []:
        if not tag or len(tag) > 128:
            return f"tags: every tag must be 1 to 128 characters, got {tag!r}"
    return None


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem,
             "mutually_exclusive": [("resource_group", "resource_group_id")]}


def main():
    run_account_module(ServiceInstance, PREFLIGHT)


if __name__ == "__main__":
    main()
