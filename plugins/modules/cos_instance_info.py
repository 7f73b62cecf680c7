#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_instance_info
short_description: List IBM Cloud Object Storage service instances with their plan, group, location, state and tags
version_added: 0.1.0
description:
  - Lists the account's COS service instances through the IBM Cloud Resource Controller; one instance by
    O(instance) (its GUID or CRN), the instances named O(name), or all of them, optionally in one resource group.
  - Each instance comes with its plan, resource group, location, state and, with O(read_tags), its user tags
    (one Global Tagging call per instance, made in parallel).
  - Only reads; never reports a change. Instances being deleted or reclaimed are not listed.
seealso:
  - module: ibm.cos.cos_instance
  - module: ibm.cos.cos_credentials
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.info_module
  - ibm.cos.account
options:
  name:
    description:
      - Only the instances with this name (the Resource Controller does not keep names unique).
    type: str
  instance:
    description:
      - The one instance with this GUID or CRN (for example RV(ibm.cos.cos_instance#module:crn)).
      - An instance the account does not hold (or not a COS one) gives an empty RV(instances).
    type: str
  resource_group:
    description:
      - Only the instances in the resource group of this name.
    type: str
  resource_group_id:
    description:
      - Only the instances in the resource group of this ID, instead of O(resource_group).
    type: str
  read_tags:
    description:
      - Read each instance's user tags into RV(instances[].tags).
    type: bool
    default: true
"""

EXAMPLES = r"""
- name: Every COS instance of the account
  ibm.cos.cos_instance_info:
  register: all_instances

- name: The instance named example-app-storage in a resource group
  ibm.cos.cos_instance_info:
    name: example-app-storage
    resource_group: cos-stack-apps
  register: found

- name: Fail when it does not exist
  ansible.builtin.assert:
    that: found.instances | length == 1
    fail_msg: "no COS instance example-app-storage in cos-stack-apps"

- name: One instance by its CRN, without its tags
  ibm.cos.cos_instance_info:
    instance: "{{ found.instances[0].crn }}"
    read_tags: false
"""

RETURN = r"""
instances:
  description: The instances found, by name then age; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Its name.
      type: str
    crn:
      description: Its CRN (also its Resource Controller ID).
      type: str
      sample: "crn:v1:bluemix:public:cloud-object-storage:global:a/5a0c0ffee0000000000000000000c05a:d6f04d83-6c4f-4a62-a165-696756d63903::"
    guid:
      description: Its GUID.
      type: str
      sample: d6f04d83-6c4f-4a62-a165-696756d63903
    service_instance_id:
      description: The value to pass as O(service_instance_id) to the bucket and object modules (the CRN).
      type: str
    plan:
      description: V(standard), V(lite) or V(one-rate) (the plan ID for a plan the collection does not know).
      type: str
    resource_plan_id:
      description: Its plan ID.
      type: str
    resource_group_id:
      description: The ID of its resource group.
      type: str
    location:
      description: Where it is deployed; COS instances are V(global).
      type: str
    state:
      description: Its Resource Controller state, V(active) for every listed instance.
      type: str
    tags:
      description: Its user tags, sorted.
      returned: with O(read_tags)
      type: list
      elements: str
    created_at:
      description: When it was created.
      type: str
"""

from ansible_collections.ibm.cos.plugins.module_utils.account._module import run_account_module
from ansible_collections.ibm.cos.plugins.module_utils.account.crn import cos_instance_problem
from ansible_collections.ibm.cos.plugins.module_utils.account.instance_info import InstanceInfo

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    instance=dict(type="str"),
    resource_group=dict(type="str"),
    resource_group_id=dict(type="str"),
    read_tags=dict(type="bool", default=True),
)


def task_problem(params, settings=None):
    if params["instance"] is not None:
        return cos_instance_problem(params["instance"], "instance", guid_ok=True)
    if params["name"] is not None and not params["name"].strip():
        return "name must not be empty"
    return None


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem,
             "mutually_exclusive": [("resource_group", "resource_group_id"), ("instance", "name"),
                                    ("instance", "resource_group"), ("instance", "resource_group_id")]}


def main():
    run_account_module(InstanceInfo, PREFLIGHT)


if __name__ == "__main__":
    main()
