#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_bucket_info
short_description: List IBM Cloud Object Storage buckets and read their settings
version_added: 0.1.0
description:
  - Lists the buckets of a COS service instance with their location and storage class
    (one C(ListBucketsExtended) call per page), optionally filtered by name or prefix.
  - For the buckets named in O(name), returns the settings asked for in O(settings), reading only
    those, in parallel. The keys are the option names of M(ibm.cos.cos_bucket), so a result can be
    fed back to it.
  - A setting that cannot be read is left out of a bucket's result with a warning naming it and the
    reason, rather than failing the read. Under HMAC keys these are the settings of the Resource
    Configuration API (which takes IAM auth only); otherwise a setting COS does not offer, or one the
    credentials' role (or the bucket's firewall) does not let them see.
seealso:
  - module: ibm.cos.cos_bucket
  - ref: ansible_collections.ibm.cos.docsite.guide_key_protect
    description: Reading which root key encrypts a bucket.
  - ref: ansible_collections.ibm.cos.docsite.guide_replication_and_lifecycle
    description: Reading replication failures, and what to do about them.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.guides
  - ibm.cos.info_module
options:
  name:
    description:
      - Buckets whose settings to read. Buckets that do not exist are listed in RV(missing).
    type: list
    elements: str
    aliases: [bucket]
  prefix:
    description:
      - Only list buckets whose names start with this.
    type: str
  settings:
    description:
      - Which settings of the buckets in O(name) to read. V(all) reads every one.
      - When O(name) is set and O(settings) is not, every setting is read.
      - V(tags) is refused before any call, because IBM Cloud Object Storage has no
        bucket tags; IBM Cloud tags belong to the service instance.
      - V(firewall) needs the Manager role; with a lower role COS leaves the firewall out and it reads as empty.
    type: list
    elements: str
    choices: [all, key_protect_root_key_crn, object_lock, versioning, retention, object_lock_default_retention,
              lifecycle_rules, cors_rules, website, public_access_block, acl, replication_rules,
              firewall, activity_tracking, metrics_monitoring, hard_quota, usage, replication_failures, tags]
"""

EXAMPLES = r"""
- name: List every bucket of the instance with its location
  ibm.cos.cos_bucket_info:
  register: all_buckets

- name: Read the versioning and lifecycle rules of one bucket
  ibm.cos.cos_bucket_info:
    name: example-app-data
    settings: [versioning, lifecycle_rules]
  register: app_data

- name: Show where it lives and whether it keeps versions
  ansible.builtin.debug:
    msg: "{{ app_data.buckets[0].location_constraint }}, versioning {{ app_data.buckets[0].versioning }}"
"""

RETURN = r"""
buckets:
  description: The buckets found, in name order, with the settings asked for.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Bucket name.
      type: str
      sample: logs-prod
    location_constraint:
      description: COS location constraint, location and storage class joined.
      type: str
      sample: us-south-smart
    location:
      description: Location part of the constraint.
      type: str
      sample: us-south
    storage_class:
      description: Storage class part of the constraint.
      type: str
      sample: smart
    creation_date:
      description: When the bucket was created (ISO 8601).
      type: str
    key_protect_root_key_crn:
      description: Root key CRN when Key Protect or HPCS encrypts the bucket, else an empty string.
      type: str
    usage:
      description: C(crn), C(object_count) and C(bytes_used) from the Resource Configuration API.
      type: dict
    replication_failures:
      description:
        - Replication failures COS no longer retries by itself (after 30 days), newest first, with
          C(key), C(version_id), C(sync_type), C(cause), C(first_sync_attempted) and C(last_sync_attempted).
        - M(ibm.cos.cos_bucket_replication_reattempt) schedules one more attempt for them.
      type: list
      elements: dict
missing:
  description:
    - Names in O(name) that are not buckets of this instance.
    - Bucket names are unique across IBM Cloud, so a name listed here may still be taken by a bucket of
      another instance or account (M(ibm.cos.cos_bucket) then cannot create it).
  returned: always
  type: list
  elements: str
  sample: [example-old-logs]
"""

from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils.bucket.lister import BucketLister
from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import validate_bucket_name
from ansible_collections.ibm.cos.plugins.module_utils.bucket.reader import REFUSED, SETTING_NAMES

ARGUMENT_SPEC = dict(
    name=dict(type="list", elements="str", aliases=["bucket"]),
    prefix=dict(type="str"),
    # The refused choices stay choices so that asking for them gets the reason, not "must be one of".
    settings=dict(type="list", elements="str", choices=["all"] + list(SETTING_NAMES) + list(REFUSED)),
)


def task_problem(params, settings=None):
    """A name that no bucket can have is a typo, a refused setting is a mistake: say so before any call."""
    for setting in params.get("settings") or []:
        if setting in REFUSED:
            return REFUSED[setting]
    for name in params["name"] or []:
        problem = validate_bucket_name(name)
        if problem:
            return "name: " + problem
    return None


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem}


def main():
    module = CosModule.from_contract(PREFLIGHT)
    module.run(BucketLister(module.conn, module.params).run)


if __name__ == "__main__":
    main()
