#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_backup_vault
short_description: Create, configure and delete IBM Cloud Object Storage backup vaults
version_added: 0.1.0
description:
  - Makes a backup vault exist (O(state=present)) or not exist (O(state=absent)) in the COS service
    instance O(service_instance_id). A backup vault keeps the backups that backup policies
    (M(ibm.cos.cos_backup_policy)) write from buckets, as recovery ranges.
  - O(region) and O(key_protect_root_key_crn) are set when the vault is created; COS has no call
    that changes them, so a difference on an existing vault fails with the current and desired value.
  - O(activity_tracking) and O(metrics_monitoring) are compared and changed in place (one merge
    patch with C(If-Match)); an option left out is left alone.
  - COS deletes only an empty vault. A vault that holds recovery ranges is not deleted; the failure
    lists them. With O(force=true) the module first deletes the backup policies that write into the
    vault and cuts the retention of its recovery ranges to one day, then asks COS to delete it; COS
    keeps backup data until its retention has passed, so run the task again after that.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.backup
attributes:
  check_mode:
    description: Reads the vault and reports what would change; writes nothing.
  diff_mode:
    description: Before and after of the settings that change (the vault on create and delete).
options:
  name:
    description:
      - Backup vault name; 3-63 lowercase letters, digits, C(.) and C(-). Vault and bucket names share
        one global namespace.
    type: str
    required: true
  state:
    description: Whether the vault should exist.
    type: str
    choices: [present, absent]
    default: present
  region:
    description:
      - Region the vault is created in, such as C(us-south). Needed to create a vault; on an existing
        vault only compared.
    type: str
  key_protect_root_key_crn:
    description:
      - CRN of the Key Protect root key that encrypts the vault. Creation only; V("") asserts that the
        vault has none.
    type: str
    aliases: [kms_key_crn]
  activity_tracking:
    description: Activity Tracker events for the vault. A flag left out is V(false).
    type: dict
    suboptions:
      management_events: {description: "Send management events of the vault.", type: bool, default: false}
  metrics_monitoring:
    description: IBM Cloud Monitoring metrics for the vault. A flag left out is V(false).
    type: dict
    suboptions:
      usage_metrics_enabled: {description: "Send the vault's usage (bytes) over time.", type: bool, default: false}
  force:
    description:
      - With O(state=absent), empty the vault as far as COS lets a caller do it (delete the backup
        policies that write into it, cut its recovery ranges' retention to one day) before deleting it.
      - The backups in the vault are lost once their retention has passed.
    type: bool
    default: false
notes:
  - A vault's usage (C(bytes_used)) is in RV(backup_vault); M(ibm.cos.cos_backup_vault_info) lists
    every vault of the instance with its usage and recovery ranges.
seealso:
  - module: ibm.cos.cos_backup_policy
  - module: ibm.cos.cos_backup_vault_info
"""

EXAMPLES = r"""
- name: A backup vault in us-south with management events and usage metrics
  ibm.cos.cos_backup_vault:
    name: example-vault
    region: us-south
    activity_tracking:
      management_events: true
    metrics_monitoring:
      usage_metrics_enabled: true
  register: vault

- name: Show its CRN, which backup policies name as their target
  ansible.builtin.debug:
    msg: "{{ vault.backup_vault.crn }}"

- name: Delete the vault (it must hold no backups)
  ibm.cos.cos_backup_vault:
    name: example-vault
    state: absent
"""

RETURN = r"""
backup_vault:
  description:
    - The vault as COS describes it (before deletion with O(state=absent); in check mode, the
      request that would be sent).
  returned: when the vault exists or is created
  type: dict
  contains:
    backup_vault_name: {description: Vault name., type: str, sample: example-vault}
    crn: {description: Vault CRN., type: str}
    region: {description: Region., type: str, sample: us-south}
    bytes_used: {description: Bytes of backup data the vault holds., type: int}
    sse_kp_customer_root_key_crn: {description: Root key CRN when one is set., type: str}
    activity_tracking: {description: Activity tracking flags., type: dict}
    metrics_monitoring: {description: Metrics flags., type: dict}
recovery_ranges:
  description:
    - With O(state=absent), the recovery ranges the vault held (also when it could not be deleted, or
      with O(force=true), where a warning lists them too).
  returned: with O(state=absent) when the vault existed
  type: list
  elements: dict
"""

from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import validate_bucket_name
from ansible_collections.ibm.cos.plugins.module_utils.backup._vault import BackupVault
from ansible_collections.ibm.cos.plugins.module_utils._module import run_module

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    region=dict(type="str"),
    key_protect_root_key_crn=dict(type="str", aliases=["kms_key_crn"], no_log=False),
    activity_tracking=dict(type="dict", options=dict(management_events=dict(type="bool", default=False))),
    metrics_monitoring=dict(type="dict", options=dict(usage_metrics_enabled=dict(type="bool", default=False))),
    force=dict(type="bool", default=False),
)


def task_problem(params, settings=None):
    problem = validate_bucket_name(params["name"])
    return "name: " + problem.replace("bucket", "backup vault") if problem else None


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem}


def main():
    run_module(BackupVault, PREFLIGHT)


if __name__ == "__main__":
    main()
