#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_recovery_range
short_description: Set how long a backup vault keeps the backups of an IBM Cloud Object Storage bucket
version_added: 0.1.0
description:
  - A recovery range is the span of time a backup vault can restore a bucket to. Its retention
    (C(delete_after_days)) starts as the backup policy's O(ibm.cos.cos_backup_policy#module:delete_after_days)
    and is changed on the range afterwards; older backup data is deleted in the background.
  - Sets the retention of the recovery ranges of O(bucket) in O(vault), or of the one named by
    O(recovery_range_id). Only ranges whose retention differs are written.
  - Lowering the retention lets COS delete older backups, which cannot be restored afterwards.
  - To list ranges, use M(ibm.cos.cos_backup_vault_info) with O(ibm.cos.cos_backup_vault_info#module:recovery_ranges=true).
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.backup
attributes:
  check_mode:
    description: Reads the ranges and reports which would change; writes nothing.
  diff_mode:
    description: Retention in days per range ID, before and after.
options:
  vault:
    description: Backup vault name.
    type: str
    required: true
  bucket:
    description: The backed-up bucket whose ranges to change.
    type: str
    required: true
  recovery_range_id:
    description: Only this range of the bucket (without it, every range of the bucket in the vault).
    type: str
  delete_after_days:
    description: Days of backup data to keep, 1 to 36500.
    type: int
    required: true
seealso:
  - module: ibm.cos.cos_backup_vault_info
  - module: ibm.cos.cos_backup_policy
"""

EXAMPLES = r"""
- name: Keep 90 days of backups of a bucket
  ibm.cos.cos_recovery_range:
    vault: example-backup-vault
    bucket: example-app-data
    delete_after_days: 90
  register: coverage
"""

RETURN = r"""
recovery_ranges:
  description: The bucket's ranges in the vault, with the retention after the task.
  returned: success
  type: list
  elements: dict
  contains:
    recovery_range_id: {description: Range ID., type: str}
    source_resource_crn: {description: CRN of the backed-up bucket., type: str}
    backup_policy_name: {description: The policy that fills the range., type: str}
    range_start_time: {description: Earliest point in time to restore to., type: str}
    range_end_time: {description: Latest point in time to restore to., type: str}
    retention: {description: C(delete_after_days)., type: dict}
"""

from ansible_collections.ibm.cos.plugins.module_utils._module import run_module
from ansible_collections.ibm.cos.plugins.module_utils.backup._base import check_days
from ansible_collections.ibm.cos.plugins.module_utils.backup._recovery_range import RecoveryRanges

ARGUMENT_SPEC = dict(
    vault=dict(type="str", required=True),
    bucket=dict(type="str", required=True),
    recovery_range_id=dict(type="str"),
    delete_after_days=dict(type="int", required=True),
)

PREFLIGHT = {"argument_spec": ARGUMENT_SPEC,
             "validate": lambda params, settings=None: check_days(params["delete_after_days"], "delete_after_days")}


def main():
    run_module(RecoveryRanges, PREFLIGHT)


if __name__ == "__main__":
    main()
