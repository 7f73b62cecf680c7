#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_backup_policy
short_description: Back up an IBM Cloud Object Storage bucket continuously into a backup vault
version_added: 0.1.0
description:
  - Makes a backup policy exist on a bucket (O(state=present)) or not (O(state=absent)). While the
    policy exists, COS copies every new object version of the bucket into the backup vault, which
    lets M(ibm.cos.cos_restore) put the bucket back as it was at any point in time the vault covers.
  - A new policy first copies the bucket's current objects (the initial sync). The result reports
    C(policy_status) (C(pending), C(initializing), C(active), C(action_needed), C(degraded) or
    C(failed)) and, while initializing, C(initial_sync_progress) in percent. With O(wait=true) the
    module waits until the initial sync has ended.
  - A backup policy is a resource of its own, not a bucket setting of M(ibm.cos.cos_bucket), because COS
    has no call that updates a policy. A policy that differs from the task (vault, retention, type) is
    replaced (deleted and created again) only with O(replace=true), because a new policy starts a new
    recovery range and so resets the backup coverage from that moment. Without it the module fails
    and says what differs.
  - Refused before any write, as COS would refuse them, are a bucket without versioning enabled, a second
    policy into the same vault, a fourth policy on a bucket. When COS answers that the bucket may not
    write into the vault, the message says which service-to-service authorization is missing.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.backup
attributes:
  check_mode:
    description: Reads the bucket's policies and reports what would change; writes nothing.
  diff_mode:
    description: The policy before and after.
options:
  bucket:
    description: The bucket to back up; it must have versioning enabled.
    type: str
    required: true
  name:
    description: Policy name, unique on the bucket.
    type: str
    required: true
    aliases: [policy_name]
  state:
    description: Whether the policy should exist. Deleting a policy keeps the backups made so far.
    type: str
    choices: [present, absent]
    default: present
  vault:
    description: Name of the backup vault to write into (its CRN is read from COS).
    type: str
  vault_crn:
    description: CRN of the backup vault, for a vault in another account or instance.
    type: str
  delete_after_days:
    description:
      - How many days the new recovery range keeps backup data, 1 to 36500. Needed with O(state=present).
      - COS uses it only when it creates the policy; change the retention of existing backups with
        M(ibm.cos.cos_recovery_range).
    type: int
    aliases: [initial_delete_after_days]
  backup_type:
    description: Kind of backup. COS offers continuous backup only.
    type: str
    choices: [continuous]
    default: continuous
  replace:
    description:
      - When the policy exists but differs from the task, delete it and create it again. This starts a
        new recovery range; the backup coverage of the bucket restarts from that moment.
    type: bool
    default: false
  wait:
    description:
      - Wait until the initial sync has ended. The task fails when the policy ends C(failed), and warns
        when it is C(action_needed) or C(degraded).
    type: bool
    default: false
  wait_timeout:
    description: Seconds to wait with O(wait=true).
    type: int
    default: 3600
  poll_interval:
    description: Seconds between two reads while waiting.
    type: float
    default: 5.0
notes:
  - COS needs a service-to-service authorization from the bucket's COS instance to the vault's COS
    instance (Backup Manager role, action C(cloud-object-storage.backup-vault.sync)), also within one instance.
seealso:
  - module: ibm.cos.cos_backup_vault
  - module: ibm.cos.cos_restore
"""

EXAMPLES = r"""
- name: Keep a versioned bucket
  ibm.cos.cos_bucket:
    name: example-app-data
    versioning: true

- name: Back it up into a vault, keeping 30 days, and wait for the initial sync
  ibm.cos.cos_backup_policy:
    bucket: example-app-data
    name: daily-safety
    vault: example-backup-vault
    delete_after_days: 30
    wait: true
    wait_timeout: 120
    poll_interval: 1
  register: backup

- name: Show the state of the backup
  ansible.builtin.debug:
    msg: "{{ backup.backup_policy.policy_status }}"

- name: Stop backing up (the backups made so far stay in the vault)
  ibm.cos.cos_backup_policy:
    bucket: example-app-data
    name: daily-safety
    state: absent
"""

RETURN = r"""
backup_policy:
  description: The policy (before deletion with O(state=absent); in check mode, the request).
  returned: when the policy exists or is created
  type: dict
  contains:
    policy_name: {description: Policy name., type: str}
    policy_id: {description: Policy ID., type: str}
    policy_status: {description: "C(pending), C(initializing), C(active), C(action_needed), C(degraded) or C(failed).", type: str}
    initial_sync_progress: {description: "Percent of the initial sync done, while it runs.", type: float}
    error_cause: {description: "Why COS cannot back up, with C(action_needed) or C(failed).", type: str}
    target_backup_vault_crn: {description: The vault written into., type: str}
    initial_retention: {description: C(delete_after_days) of the first recovery range., type: dict}
    backup_type: {description: C(continuous)., type: str}
replaced:
  description: Whether an existing, different policy was deleted and created again.
  returned: always
  type: bool
"""

from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import validate_bucket_name
from ansible_collections.ibm.cos.plugins.module_utils._module import run_module
from ansible_collections.ibm.cos.plugins.module_utils.backup._base import check_days
from ansible_collections.ibm.cos.plugins.module_utils.backup._policy import BackupPolicy

ARGUMENT_SPEC = dict(
    bucket=dict(type="str", required=True),
    name=dict(type="str", required=True, aliases=["policy_name"]),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    vault=dict(type="str"),
    vault_crn=dict(type="str"),
    delete_after_days=dict(type="int", aliases=["initial_delete_after_days"]),
    backup_type=dict(type="str", choices=["continuous"], default="continuous"),
    replace=dict(type="bool", default=False),
    wait=dict(type="bool", default=False),
    wait_timeout=dict(type="int", default=3600),
    poll_interval=dict(type="float", default=5.0),
)


def task_problem(params, settings=None):
    if validate_bucket_name(params["bucket"]):
        return "bucket: " + validate_bucket_name(params["bucket"])
    if params["state"] == "present" and params["delete_after_days"] is None:
        return "delete_after_days is needed with state=present: how many days the backups are kept (1-36500)"
    return check_days(params["delete_after_days"], "delete_after_days")


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem,
             "mutually_exclusive": [("vault", "vault_crn")],
             "required_if": [("state", "present", ("vault", "vault_crn"), True)]}


def main():
    run_module(BackupPolicy, PREFLIGHT)


if __name__ == "__main__":
    main()
