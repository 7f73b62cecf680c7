#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_backup_vault_info
short_description: List IBM Cloud Object Storage backup vaults with their usage and recovery ranges
version_added: 0.1.0
description:
  - Lists the backup vaults of the COS service instance O(service_instance_id), each with its
    region, root key, settings and usage (C(bytes_used)), read in parallel.
  - With O(recovery_ranges=true), adds each vault's recovery ranges, the spans of time a bucket can
    be restored to (see M(ibm.cos.cos_restore)); O(bucket) keeps only the ranges of one bucket.
  - Uses the Resource Configuration API, which needs IAM auth.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.info_module
options:
  name:
    description: Only these vaults. Names that are not vaults of the instance are listed in RV(missing).
    type: list
    elements: str
  recovery_ranges:
    description: Also list the recovery ranges of each vault.
    type: bool
    default: false
  bucket:
    description: With O(recovery_ranges=true), only the ranges that back up this bucket.
    type: str
seealso:
  - module: ibm.cos.cos_backup_vault
  - module: ibm.cos.cos_recovery_range
"""

EXAMPLES = r"""
- name: Every backup vault of the instance, with its usage
  ibm.cos.cos_backup_vault_info:
  register: vaults

- name: The recovery ranges of one bucket in one vault
  ibm.cos.cos_backup_vault_info:
    name: [example-backup-vault]
    recovery_ranges: true
    bucket: example-app-data
  register: coverage
"""

RETURN = r"""
backup_vaults:
  description: The vaults found, in name order.
  returned: always
  type: list
  elements: dict
  contains:
    backup_vault_name: {description: Vault name., type: str, sample: example-vault}
    crn: {description: Vault CRN., type: str}
    region: {description: Region., type: str, sample: us-south}
    bytes_used: {description: Bytes of backup data held., type: int}
    sse_kp_customer_root_key_crn: {description: Root key CRN when one is set., type: str}
    activity_tracking: {description: Activity tracking flags., type: dict}
    metrics_monitoring: {description: Metrics flags., type: dict}
    recovery_ranges:
      description: With O(recovery_ranges=true), the spans of time a bucket can be restored to.
      type: list
      elements: dict
      contains:
        recovery_range_id: {description: The ID M(ibm.cos.cos_recovery_range) and M(ibm.cos.cos_restore) take., type: str}
        source_resource_crn: {description: CRN of the bucket backed up., type: str}
        backup_policy_name: {description: The backup policy that made the range., type: str}
        range_start_time: {description: Earliest time the bucket can be restored to (RFC 3339)., type: str}
        range_end_time: {description: Latest time the bucket can be restored to (RFC 3339)., type: str}
        range_create_time: {description: When the range was made (RFC 3339)., type: str}
        retention: {description: "C(delete_after_days): how long the range is kept.", type: dict}
missing:
  description: Names in O(name) that are not vaults of this instance.
  returned: always
  type: list
  elements: str
  sample: [example-retired-vault]
"""

from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils.backup._vault_info import VaultLister

ARGUMENT_SPEC = dict(
    name=dict(type="list", elements="str"),
    recovery_ranges=dict(type="bool", default=False),
    bucket=dict(type="str"),
)


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC,
             "validate": lambda params, settings=None: (
                 "bucket needs recovery_ranges: true" if params["bucket"] and not params["recovery_ranges"] else None)}


def main():
    module = CosModule.from_contract(PREFLIGHT)
    module.run(VaultLister(module.conn, module.params).run)


if __name__ == "__main__":
    main()
