#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_bucket
short_description: Create, configure and delete IBM Cloud Object Storage buckets
version_added: 0.1.0
description:
  - Makes a bucket exist (O(state=present)) with the settings the task names, or not exist (O(state=absent)).
  - Each setting is managed only when its option is given. An option left out is left alone (not
    even read); an empty value (V({}), V([]), V(0)) removes the setting.
  - Only the named settings are read, in parallel, and only those that differ are written, so a
    second run makes no write call. Values are compared in normal form (rule order where COS
    ignores it, C(10.0.0.1) = C(10.0.0.1/32), header case, the case of enum values, defaults COS fills
    in or leaves out).
  - Location, storage class and the Key Protect or HPCS root key are set when the bucket is created.
    On an existing bucket they are only compared; a difference fails with the current and desired
    value. The module never recreates a bucket.
  - O(firewall), O(activity_tracking), O(metrics_monitoring) and O(hard_quota) use the Resource
    Configuration API (one read and one merged write for all of them) and need IAM auth.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.guides
  - ibm.cos.bucket_settings
attributes:
  check_mode:
    support: full
    description: Reads the named settings and reports what would change; writes nothing.
  diff_mode:
    support: full
    description: Before and after of each setting that changes (the whole bucket on create and delete).
options:
  name:
    description:
      - Bucket name; 3-63 lowercase letters, digits, C(.) and C(-), starting and ending with a letter
        or digit. Checked before any call.
    type: str
    required: true
    aliases: [bucket]
  state:
    description:
      - Whether the bucket should exist.
      - COS refuses to delete a bucket while it has a backup policy. With V(absent) the bucket's backup
        policies are listed first (with IAM credentials; HMAC keys cannot read them), and a bucket that
        has any is not touched; the error names them. Delete them with M(ibm.cos.cos_backup_policy) first.
    type: str
    choices: [present, absent]
    default: present
  force:
    description:
      - With O(state=absent), first delete every object version, delete marker and unfinished
        multipart upload (in parallel batches of 1000). Without it a non-empty bucket is not deleted.
      - Objects under a retention period or legal hold stop the deletion; the error names them.
      - A bucket with a backup policy is refused before anything is emptied.
    type: bool
    default: false
  location:
    description:
      - Where the bucket lives, such as C(us-south), C(us) or C(ams03); it must match the endpoint.
      - When creating without O(location) or O(location_constraint), the endpoint's location and the
        standard class are used. Creation only.
    type: str
  storage_class:
    description: Storage class at creation. With O(location) it forms the location constraint.
    type: str
    choices: [standard, vault, cold, smart, onerate_active]
  location_constraint:
    description:
      - The full constraint, C(<location>-<class>) such as C(us-south-smart), instead of O(location)
        and O(storage_class).
    type: str
  key_protect_root_key_crn:
    description:
      - CRN of a Key Protect or Hyper Protect Crypto Services root key that encrypts the bucket
        (C(AES256)). Creation only; COS must be authorized (Reader) on the key's instance.
      - V("") asserts that the bucket has no root key.
      - O(hpcs_root_key_crn) and O(kms_root_key_crn) are other names for it; a task that gives two
        of them with different values is refused before any call.
    type: str
  hpcs_root_key_crn:
    description: Another name for O(key_protect_root_key_crn) (a Hyper Protect Crypto Services root key).
    type: str
  kms_root_key_crn:
    description: Another name for O(key_protect_root_key_crn).
    type: str
  object_lock:
    description:
      - Enable Object Lock. On a new bucket it is set at creation (and turns versioning on).
      - An existing bucket can get Object Lock once it is versioned (set O(versioning=true) in the same
        task if needed); COS then needs a default retention, so give O(object_lock_default_retention) too.
      - Object Lock cannot be disabled; V(false) on a bucket that has it fails.
    type: bool
notes:
  - A bucket name is global; a name taken by another account, or still reserved after a recent delete
    of a bucket with that name (COS keeps it for some minutes), fails with guidance.
  - COS can answer NoSuchBucket when the endpoint is not the bucket's location.
seealso:
  - module: ibm.cos.cos_bucket_info
  - module: ibm.cos.cos_object
  - ref: ansible_collections.ibm.cos.docsite.guide_key_protect
    description: Buckets encrypted with a Key Protect or Hyper Protect Crypto Services root key.
  - ref: ansible_collections.ibm.cos.docsite.guide_replication_and_lifecycle
    description: Lifecycle filters, stale multipart uploads, replication with versioning and Object Lock.
  - ref: ansible_collections.ibm.cos.docsite.guide_migrating_from_amazon_aws
    description: The options of C(amazon.aws.s3_bucket), C(s3_lifecycle), C(s3_cors) and C(s3_website) mapped to this module.
  - ref: ansible_collections.ibm.cos.docsite.guide_migrating_from_ibm_cloudcollection
    description: The options of C(ibm.cloudcollection.ibm_cos_bucket) mapped to this module, and taking over its buckets.
"""

EXAMPLES = r"""
# --- Create: location, storage class, Key Protect, Object Lock ---
- name: A Smart Tier bucket in us-south, encrypted with a Key Protect root key
  ibm.cos.cos_bucket:
    name: example-app-data
    location: us-south
    storage_class: smart
    key_protect_root_key_crn: "{{ lookup('ansible.builtin.env', 'IBM_KP_ROOT_KEY_CRN') }}"

- name: An Object Lock bucket whose new objects are kept 30 days (compliance mode)
  ibm.cos.cos_bucket:
    name: example-app-records
    location_constraint: us-south-standard
    object_lock: true
    object_lock_default_retention:
      days: 30

# --- Versioning and lifecycle ---
- name: Keep versions, archive at once, expire old versions and stale uploads
  ibm.cos.cos_bucket:
    name: example-app-data
    versioning: true
    lifecycle_rules:
      - id: archive-everything
        transition_days: 0
        transition_storage_class: GLACIER
      - id: tidy-logs
        prefix: logs/
        expiration_days: 90
        noncurrent_version_expiration_days: 30
        abort_incomplete_multipart_upload_days: 7
      - id: paused-rule
        enabled: false
        prefix: tmp/
        expiration_date: "2030-01-01"

# --- Retention policy (Immutable Object Storage; periods can only grow) ---
- name: Retain every object at least a day, 30 days by default
  ibm.cos.cos_bucket:
    name: example-app-archive
    retention:
      minimum_days: 1
      default_days: 30
      maximum_days: 365

# --- CORS and static website ---
- name: Serve a website and let the app's origin call the bucket
  ibm.cos.cos_bucket:
    name: example-app-site
    cors_rules:
      - allowed_origins: [https://app.example.com]
        allowed_methods: [GET, HEAD]
        allowed_headers: [Authorization]
        max_age_seconds: 3000
    website:
      index_document: index.html
      error_document: error.html
      routing_rules:
        - condition: {key_prefix_equals: docs/}
          redirect: {replace_key_prefix_with: documentation/}

# --- Public access and ACL ---
- name: Public-read website content (a public ACL is refused while block_public_acls is on)
  ibm.cos.cos_bucket:
    name: example-app-site
    acl: public-read
    public_access_block:
      block_public_acls: false

# --- Replication (both buckets versioned) ---
- name: Replicate new objects to another bucket of the same instance
  ibm.cos.cos_bucket:
    name: example-app-data
    versioning: true
    replication_rules:
      - id: to-backup
        destination_bucket: example-app-records
        delete_marker_replication: true

# --- Resource Configuration API: firewall, activity tracking, metrics, quota ---
# A legacy firewall stops replication, so it goes on a bucket that neither replicates nor is replicated to.
- name: Restrict access, track events, send metrics, cap at 500 GB
  ibm.cos.cos_bucket:
    name: example-app-archive
    firewall:
      allowed_ip: [10.0.0.0/8, 127.0.0.1]  # keep the host that runs Ansible in the list
      denied_ip: [10.9.9.0/24]
      allowed_network_type: [public, private]
    activity_tracking: {read_data_events: true, write_data_events: true, management_events: true}
    metrics_monitoring: {usage_metrics_enabled: true, request_metrics_enabled: true}
    hard_quota: 500GB

# --- Removing settings: the empty value ---
- name: Drop replication
  ibm.cos.cos_bucket:
    name: example-app-data
    replication_rules: []

- name: Drop the firewall and the quota
  ibm.cos.cos_bucket:
    name: example-app-archive
    firewall: {}
    hard_quota: 0

# --- Delete ---
- name: Delete buckets with everything in them (versions, delete markers, unfinished uploads)
  ibm.cos.cos_bucket:
    name: "{{ item }}"
    state: absent
    force: true
  loop: [example-app-data, example-app-records, example-app-archive, example-app-site]
"""

RETURN = r"""
name:
  description: The bucket's name.
  returned: always
  type: str
  sample: example-app-data
location:
  description:
    - The location constraint, when the task names it or creates the bucket (not read otherwise).
    - A bucket created without one reports the constraint the endpoint gave it (read back with
      C(GET ?location)); in check mode it is derived from O(region), null when that is not known.
  returned: when known
  type: str
  sample: us-south-smart
crn:
  description: The bucket's CRN (from the Resource Configuration API, or built from the service instance CRN).
  returned: when known
  type: str
  sample: "crn:v1:bluemix:public:cloud-object-storage:global:a/0123abcd:2f7c...:bucket:example-app-data"
created:
  description: Whether this run created the bucket (or would, in check mode).
  returned: state=present
  type: bool
facets:
  description: Every setting the task manages, in normal form, as the bucket has it after the run.
  returned: state=present
  type: dict
  sample: {versioning: true, hard_quota: 500000000000}
changed_facets:
  description: The settings this run changed (or would change in check mode).
  returned: state=present
  type: list
  elements: str
  sample: [hard_quota, versioning]
deleted_versions:
  description: Object versions and delete markers removed by O(force=true).
  returned: state=absent, force=true and the bucket existed
  type: int
aborted_uploads:
  description: Unfinished multipart uploads aborted by O(force=true).
  returned: state=absent, force=true and the bucket existed
  type: int
"""

from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils.bucket.resource import CosBucket, task_problem
from ansible_collections.ibm.cos.plugins.module_utils.bucket.spec import ARGUMENT_SPEC, MUTUALLY_EXCLUSIVE

# The module's one validation pass, made before any call (CosModule.from_contract).
PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "mutually_exclusive": MUTUALLY_EXCLUSIVE, "validate": task_problem}


def main():
    module = CosModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True, mutually_exclusive=MUTUALLY_EXCLUSIVE)
    bucket = CosBucket(module.conn, module.params, check_mode=module.check_mode)
    module.run(bucket.run, bucket=bucket.name)


if __name__ == "__main__":
    main()
