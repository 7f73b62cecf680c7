#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_restore
short_description: Restore an IBM Cloud Object Storage bucket to a point in time from a backup vault
version_added: 0.1.0
description:
  - Starts an in-place restore of O(bucket)'s backup in O(vault) as it was at O(point_in_time), into
    O(target_bucket) (by default the bucket itself), and waits for it (O(wait=true)), reporting its
    progress; or returns at once with RV(restore.restore_id) (O(wait=false)) to follow later with
    O(restore_id).
  - COS writes every object version that was current at that time, delete markers included, with
    its version ID, last-modified time and ETag. It deletes nothing in the target. A restored version
    becomes the current one only when the target holds nothing newer for its key, so restoring into
    an empty bucket gives back the bucket exactly as it was; restoring into the bucket itself brings
    back versions that were deleted since, without undoing newer writes.
  - The same restore (same recovery range, point in time and target) is started once; running the
    task again follows it, or reports it when done, and writes nothing.
  - Refused before any call that writes, as COS would refuse them, are a point in time that no recovery
    range of the bucket covers, a target without versioning, a target with a legacy firewall (as the
    Manager role sees it), a fourth restore running at once.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.backup
attributes:
  check_mode:
    description: Finds the recovery range and reports the restore it would start; starts nothing.
  diff_mode:
    description: The restore request that is sent.
options:
  vault:
    description: Backup vault that holds the backup.
    type: str
    required: true
  bucket:
    description: The backed-up (source) bucket. Needed unless O(restore_id) is given.
    type: str
  target_bucket:
    description:
      - Bucket to write the restored objects into; it must have versioning enabled and no legacy firewall
        (O(ibm.cos.cos_bucket#module:firewall)). Default O(bucket).
    type: str
  point_in_time:
    description:
      - The moment to restore to, ISO 8601 such as C(2026-06-04T12:12:00Z) or with an offset; without
        one, UTC. It must lie within a recovery range of the bucket (RV(ibm.cos.cos_backup_vault_info#module:backup_vaults[].recovery_ranges)).
      - Needed unless O(restore_id) is given.
    type: str
  recovery_range_id:
    description: The range to restore from; by default the newest range of O(bucket) that covers O(point_in_time).
    type: str
  restore_id:
    description: Follow (or report) this restore, started earlier, instead of starting one.
    type: str
  wait:
    description: Wait until the restore completes or fails.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait. On timeout the task fails with the restore ID; the restore goes on.
    type: int
    default: 3600
  poll_interval:
    description: Seconds between two reads of the restore's progress.
    type: float
    default: 5.0
notes:
  - COS needs a service-to-service authorization from the vault's COS instance to the target
    bucket's instance (action C(cloud-object-storage.bucket.restore_sync)).
seealso:
  - module: ibm.cos.cos_backup_policy
  - module: ibm.cos.cos_backup_vault_info
"""

EXAMPLES = r"""
- name: Start restoring a bucket as it was before an accident into an empty versioned bucket
  ibm.cos.cos_restore:
    vault: example-backup-vault
    bucket: example-app-data
    target_bucket: example-app-data-restored
    point_in_time: "{{ before_the_accident }}"
    wait: false
  register: started

- name: Follow it until it is done
  ibm.cos.cos_restore:
    vault: example-backup-vault
    restore_id: "{{ started.restore.restore_id }}"
    wait_timeout: 7200
    poll_interval: 1

- name: Or restore in place and wait (erased versions come back; a newer version or delete marker stays current)
  ibm.cos.cos_restore:
    vault: example-backup-vault
    bucket: example-app-data
    point_in_time: "{{ before_the_accident }}"
    poll_interval: 1
  register: restored

- name: Show how it went
  ansible.builtin.debug:
    msg: "{{ restored.restore.restore_status }} after {{ restored.progress | length }} reads"
"""

RETURN = r"""
restore:
  description: The restore as COS reports it (in check mode, the request that would be sent).
  returned: always
  type: dict
  contains:
    restore_id: {description: Restore ID., type: str}
    restore_status: {description: "C(initializing), C(running), C(complete) or C(failed).", type: str}
    restore_percent_progress: {description: "Percent done, while running.", type: int}
    restore_point_in_time: {description: The point in time restored to., type: str}
    recovery_range_id: {description: The range restored from., type: str}
    source_resource_crn: {description: CRN of the backed-up bucket., type: str}
    target_resource_crn: {description: CRN of the target bucket., type: str}
    init_time: {description: When the restore started., type: str}
    complete_time: {description: When it ended., type: str}
    error_cause: {description: Why it failed., type: str}
progress:
  description: The percent progress seen at each read while waiting, oldest first.
  returned: always
  type: list
  elements: int
"""

from ansible_collections.ibm.cos.plugins.module_utils.backup._restore import BucketRestore, parse_time
from ansible_collections.ibm.cos.plugins.module_utils._module import run_module

ARGUMENT_SPEC = dict(
    vault=dict(type="str", required=True),
    bucket=dict(type="str"),
    target_bucket=dict(type="str"),
    point_in_time=dict(type="str"),
    recovery_range_id=dict(type="str"),
    restore_id=dict(type="str"),
    wait=dict(type="bool", default=True),
    wait_timeout=dict(type="int", default=3600),
    poll_interval=dict(type="float", default=5.0),
)


def task_problem(params, settings=None):
    if params["restore_id"]:
        return None
    if not params["bucket"] or not params["point_in_time"]:
        return "bucket and point_in_time are needed to start a restore (or restore_id to follow one)"
    try:
        parse_time(params["point_in_time"])
    except ValueError:
        return (f"point_in_time {params['point_in_time']!r} is not an ISO 8601 time; use e.g. "
                "2026-06-04T12:12:00Z or 2026-06-04T14:12:00+02:00")
    return None


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem,
             "mutually_exclusive": [("restore_id", "point_in_time"), ("restore_id", "recovery_range_id")]}


def main():
    run_module(BucketRestore, PREFLIGHT)


if __name__ == "__main__":
    main()
