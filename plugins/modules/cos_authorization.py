#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_authorization
short_description: Service-to-service authorizations a COS instance needs (Key Protect, HPCS, backup vaults)
version_added: 0.1.0
description:
  - Makes sure an IAM authorization policy lets a COS service instance (or one bucket of it) use another
    service instance, through the IAM Policy Management API (C(/v1/policies), C(type=authorization)).
  - COS needs the C(Reader) role on a Key Protect or Hyper Protect Crypto Services instance before a
    bucket can be created with a root key of it; a bucket with a backup policy needs a role that allows
    C(cloud-object-storage.backup-vault.sync) on the backup vault's instance (IBM's backup docs name
    C(Backup Manager), C(Backup Reader) and C(Manager)).
  - The policy is identified by its content (source, target, roles); a policy with the same source and
    target but other roles is replaced (the new one is made before the old one is deleted).
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.account
attributes:
  check_mode:
    description: Lists the account's authorizations and reports what would be created or deleted; writes nothing.
  diff_mode:
    description: Before and after of the source, target and roles.
options:
  source_instance:
    description:
      - CRN of the COS service instance that is given access. The account is read from it.
    type: str
    required: true
  source_bucket:
    description:
      - Limit the authorization to this bucket of O(source_instance).
    type: str
  target_instance:
    description:
      - CRN of the instance access is given to - a Key Protect or HPCS instance (a root key's CRN is
        accepted, its instance is used) or the COS instance that holds a backup vault.
    type: str
    required: true
  target_service:
    description:
      - Service of O(target_instance). When not set, read from its CRN.
    type: str
    choices: [kms, hs-crypto, cloud-object-storage]
  target_backup_vault:
    description:
      - Limit the authorization to this backup vault of O(target_instance).
    type: str
  roles:
    description:
      - Roles granted. When not set, V(Reader) for V(kms) and V(hs-crypto), V(Backup Manager) for a backup vault.
    type: list
    elements: str
    choices: [Reader, Writer, Manager, Backup Manager, Backup Reader]
  description:
    description:
      - Description stored with a new policy (not compared).
    type: str
  state:
    description:
      - V(absent) deletes every authorization from this source to this target, whatever its roles.
    type: str
    choices: [present, absent]
    default: present
  account_id:
    description:
      - Account of the policy. When not set, the account in O(source_instance).
    type: str
"""

EXAMPLES = r"""
- name: Let the COS instance read root keys of a Key Protect instance
  ibm.cos.cos_authorization:
    source_instance: "{{ cos_instance_crn }}"
    target_instance: "{{ key_protect_root_key_crn }}"

- name: The instance that holds the backup vault
  ibm.cos.cos_instance:
    name: example-backup-storage
  register: backup_cos

- name: Let a bucket write its backups to a backup vault
  ibm.cos.cos_authorization:
    source_instance: "{{ cos_instance_crn }}"
    source_bucket: example-app-data
    target_instance: "{{ backup_cos.crn }}"
    target_backup_vault: example-vault
"""

RETURN = r"""
policy:
  description: The authorization (source and target attributes, role names, policy ID); null when absent.
  returned: always
  type: dict
  sample:
    id: 2a1d8a0e-7c1e-4f9b-9a53-0f8c8f8d3e11
    roles: [Reader]
    source: {accountId: 5a0c0ffee0000000000000000000c05a, serviceName: cloud-object-storage,
             serviceInstance: d6f04d83-6c4f-4a62-a165-696756d63903}
    target: {accountId: 5a0c0ffee0000000000000000000c05a, serviceName: kms,
             serviceInstance: 0b7f4e2a-1c3d-4e5f-8a9b-c0d1e2f3a4b5}
"""

from ansible_collections.ibm.cos.plugins.module_utils.account._connection import ACCOUNT_ARGUMENT_SPEC
from ansible_collections.ibm.cos.plugins.module_utils.account._module import run_account_module
from ansible_collections.ibm.cos.plugins.module_utils.account.authorization import (
    ROLES,
    TARGET_SERVICES,
    Authorization,
)
from ansible_collections.ibm.cos.plugins.module_utils.account.crn import Crn, cos_instance_problem

ARGUMENT_SPEC = dict(
    ACCOUNT_ARGUMENT_SPEC,
    source_instance=dict(type="str", required=True),
    source_bucket=dict(type="str"),
    target_instance=dict(type="str", required=True),
    target_service=dict(type="str", choices=list(TARGET_SERVICES)),
    target_backup_vault=dict(type="str"),
    roles=dict(type="list", elements="str", choices=list(ROLES)),
    description=dict(type="str"),
    account_id=dict(type="str"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def task_problem(params, settings=None):
    problem = cos_instance_problem(params["source_instance"], "source_instance")
    if problem:
        return problem
    try:
        target = Crn(params["target_instance"])
    except ValueError as exc:
        return f"target_instance: {exc}"
    service = params["target_service"] or target.service
    if service not in TARGET_SERVICES:
        return (f"target_instance is a {target.service!r} CRN; authorizations from COS go to kms (Key Protect), "
                "hs-crypto (HPCS) or cloud-object-storage (a backup vault)")
    if params["target_backup_vault"] and service != "cloud-object-storage":
        return "target_backup_vault needs a cloud-object-storage target_instance"
    if service == "cloud-object-storage" and not params["target_backup_vault"] and not params["roles"]:
        return "a cloud-object-storage target needs target_backup_vault, or roles"
    return None


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem}


def main():
    run_account_module(Authorization, PREFLIGHT)


if __name__ == "__main__":
    main()
