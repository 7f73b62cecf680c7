#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_object
short_description: Upload, download, copy, delete and presign IBM Cloud Object Storage objects
version_added: 0.1.0
description:
  - Makes an object hold the bytes of a local file (O(src)), of inline text (O(content),
    O(content_base64)) or of another object (O(copy_source), a server-side copy); downloads it
    to O(dest); deletes it (or one version) with O(state=absent); or returns a presigned URL (O(presign)).
  - Idempotent by content. A single-part object is compared by MD5; a multipart one by recomputing its
    multipart ETag for the part sizes consistent with its size and part count (or by an C(md5chksum)
    stored in its metadata), so a second run transfers nothing.
  - Headers, user metadata and tags are managed only when given, and changed without re-uploading
    (metadata by an in-place copy, tags with C(PutObjectTagging)). Unmanaged ones are kept, also
    when the content is replaced.
  - Files of O(part_size_mb) or more go up in parts, O(max_concurrency) at a time, with constant memory.
  - Downloads go to a temporary file in the same directory, renamed into place when complete.
author:
  - ibm.cos contributors (@ibm-cos)
seealso:
  - module: ibm.cos.cos_object_info
  - module: ibm.cos.cos_sync
  - ref: ansible_collections.ibm.cos.docsite.guide_getting_started
    description: Installing the collection, a first playbook, and where connection settings come from.
  - ref: ansible_collections.ibm.cos.docsite.guide_authentication
    description: Each way to authenticate (API key, HMAC keys, trusted profile, token, credentials file).
  - ref: ansible_collections.ibm.cos.docsite.guide_endpoints_and_regions
    description: How O(region), O(endpoint_type) and O(endpoint) pick the endpoint.
  - ref: ansible_collections.ibm.cos.docsite.guide_migrating_from_amazon_aws
    description: The modes and options of C(amazon.aws.s3_object) mapped to this module.
extends_documentation_fragment:
  - ibm.cos.connection
attributes:
  check_mode:
    support: full
    description: Reads the object and reports what it would upload, copy, update, download or delete.
  diff_mode:
    support: full
    description: Headers, metadata, tags, size and ETag before and after.
options:
  bucket:
    description: Bucket name.
    type: str
    required: true
  key:
    description: Object key. Any UTF-8 text, spaces and C(/) included.
    type: str
    required: true
    aliases: [object, name]
  state:
    description:
      - V(present) makes the object hold what O(src), O(content), O(content_base64) or O(copy_source)
        give, or, with none of them, manages the headers, metadata and tags of an existing object.
        With O(dest) it downloads; with O(presign) it returns a URL.
      - V(absent) deletes the object, or the version O(version_id).
    type: str
    choices: [present, absent]
    default: present
  src:
    description: Local file to upload.
    type: path
  content:
    description: Text to upload (UTF-8).
    type: str
  content_base64:
    description: Binary content to upload, base64 encoded.
    type: str
  copy_source:
    description: Object to copy from, server side. A multipart source is copied at its own part size.
    type: dict
    suboptions:
      bucket: {description: Source bucket., type: str, required: true}
      key: {description: Source key., type: str, required: true}
      version_id: {description: Source version., type: str}
  dest:
    description: Local path to download to. In an existing directory the file is named after the key's last segment.
    type: path
  presign:
    description: Return in RV(url) a presigned URL for a C(GET) or C(PUT) of the object (no request is made).
      Needs HMAC keys (O(hmac_access_key_id), O(hmac_secret_access_key)); IAM credentials cannot sign a URL.
    type: str
    choices: [get, put]
  expires_in:
    description: Seconds a presigned URL stays valid.
    type: int
    default: 3600
  version_id:
    description: The version to download (O(dest)), presign or delete (O(state=absent)). Without it, the current version.
    type: str
  overwrite:
    description:
      - V(different) transfers only when the content differs; V(always) transfers every time;
        V(never) transfers only when the object (or for O(dest), the local file) does not exist.
      - Headers, metadata and tags are converged whatever this says.
    type: str
    choices: [always, never, different]
    default: different
  metadata:
    description: The object's whole user metadata (keys are stored lower case). V({}) removes it all.
    type: dict
  content_type:
    description:
      - C(Content-Type). When neither this nor an existing value is there, guessed from O(src) or O(key)
        (falling back to C(binary/octet-stream)).
    type: str
  cache_control: {description: C(Cache-Control) header., type: str}
  content_disposition: {description: C(Content-Disposition) header., type: str}
  content_encoding: {description: C(Content-Encoding) header., type: str}
  content_language: {description: C(Content-Language) header., type: str}
  tags:
    description: Object tags. V({}) with O(purge_tags=true) removes every tag.
    type: dict
  purge_tags:
    description: Remove tags not in O(tags). Ignored when O(tags) is not set.
    type: bool
    default: true
  retention:
    description: Object Lock retention (in a bucket with Object Lock). A C(COMPLIANCE) period can only be extended.
    type: dict
    suboptions:
      mode: {description: Retention mode., type: str, choices: [governance, compliance], required: true}
      retain_until: {description: 'End of retention, ISO 8601 (C(2030-01-01) or C(2030-01-01T00:00:00Z)).',
                     type: str, required: true}
  legal_hold:
    description: Object Lock legal hold on (V(true)) or off (V(false)).
    type: bool
  legal_hold_ids:
    description: IBM legal holds (C(AddLegalHold)) by ID, in a bucket with a retention policy
      (O(ibm.cos.cos_bucket#module:retention)). Holds not listed stay unless O(purge_legal_hold_ids=true).
    type: list
    elements: str
  purge_legal_hold_ids:
    description: Remove legal holds not in O(legal_hold_ids).
    type: bool
    default: false
  bypass_governance_retention:
    description: Allow deleting, or shortening the retention of, an object under C(GOVERNANCE) retention.
    type: bool
    default: false
  part_size_mb:
    description: Part size and multipart threshold in MiB, the SDK's default of 8 unless given. A larger
      part size means fewer requests for the same bytes.
    type: int
    default: 8
  max_concurrency:
    description: Parts transferred at once; memory use is about O(part_size_mb) times this.
    type: int
    default: 8
"""

EXAMPLES = r"""
- name: Upload inline configuration with a content type, metadata and tags
  ibm.cos.cos_object:
    bucket: example-bucket
    key: config/app settings.json
    content: '{"feature_x": true}'
    content_type: application/json
    cache_control: no-cache
    metadata: {owner: platform-team}
    tags: {env: prod}

- name: Upload a local file (multipart from 8 MiB)
  ibm.cos.cos_object:
    bucket: example-bucket
    key: bundles/hosts
    src: /etc/hosts

- name: Download it again (skipped when /tmp/hosts.copy already holds the same bytes)
  ibm.cos.cos_object:
    bucket: example-bucket
    key: bundles/hosts
    dest: /tmp/hosts.copy

- name: Copy it server side
  ibm.cos.cos_object:
    bucket: example-bucket
    key: archive/hosts
    copy_source: {bucket: example-bucket, key: bundles/hosts}

- name: A presigned download link valid for ten minutes
  ibm.cos.cos_object:
    bucket: example-bucket
    key: bundles/hosts
    presign: get
    expires_in: 600
    hmac_access_key_id: "{{ lookup('ansible.builtin.env', 'IBM_COS_HMAC_ACCESS_KEY_ID') }}"
    hmac_secret_access_key: "{{ lookup('ansible.builtin.env', 'IBM_COS_HMAC_SECRET_ACCESS_KEY') }}"
  register: link

- name: Delete the copy
  ibm.cos.cos_object:
    bucket: example-bucket
    key: archive/hosts
    state: absent
"""

RETURN = r"""
actions:
  description: What the task did, in order; in check mode what it would do (C(would upload ...)).
  returned: always
  type: list
  elements: str
  sample: [uploaded /srv/bundle.tar.gz]
etag:
  description: ETag of the object (without quotes). C(-N) marks a multipart object of N parts.
  returned: when the object exists after the task
  type: str
  sample: 9b2cf535f27731c974343645a3985328
size:
  description: Object size in bytes.
  returned: when the object exists after the task
  type: int
version_id:
  description: Version ID of the object, or of the delete marker a delete created.
  returned: when the bucket is versioned
  type: str
content_type:
  description: Content type of the object.
  returned: with O(state=present), not O(dest) or O(presign), outside check mode
  type: str
metadata:
  description: User metadata of the object.
  returned: like RV(content_type)
  type: dict
dest:
  description: The local file downloaded to.
  returned: with O(dest)
  type: str
url:
  description: The presigned URL.
  returned: with O(presign)
  type: str
method:
  description: HTTP method the URL is for.
  returned: with O(presign)
  type: str
expires_at:
  description: When the URL stops working (UTC, ISO 8601).
  returned: with O(presign)
  type: str
delete_marker:
  description: Whether the delete created a delete marker (versioned bucket).
  returned: when an object was deleted
  type: bool
"""

from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import validate_bucket_name
from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils.objects.attributes import parse_instant
from ansible_collections.ibm.cos.plugins.module_utils.objects.object_options import EXCLUSIVE_OPTIONS, option_error
from ansible_collections.ibm.cos.plugins.module_utils.objects.object_task import ObjectTask
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import DEFAULT_MAX_CONCURRENCY, DEFAULT_PART_SIZE_MB

ARGUMENT_SPEC = dict(
    bucket=dict(type="str", required=True),
    key=dict(type="str", required=True, aliases=["object", "name"], no_log=False),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    src=dict(type="path"),
    content=dict(type="str"),
    content_base64=dict(type="str"),
    copy_source=dict(type="dict", options=dict(bucket=dict(type="str", required=True),
                                               key=dict(type="str", required=True, no_log=False),
                                               version_id=dict(type="str"))),
    dest=dict(type="path"),
    presign=dict(type="str", choices=["get", "put"]),
    expires_in=dict(type="int", default=3600),
    version_id=dict(type="str"),
    overwrite=dict(type="str", choices=["always", "never", "different"], default="different"),
    metadata=dict(type="dict"),
    content_type=dict(type="str"),
    cache_control=dict(type="str"),
    content_disposition=dict(type="str"),
    content_encoding=dict(type="str"),
    content_language=dict(type="str"),
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=True),
    retention=dict(type="dict", options=dict(mode=dict(type="str", required=True, choices=["governance", "compliance"]),
                                             retain_until=dict(type="str", required=True))),
    legal_hold=dict(type="bool"),
    legal_hold_ids=dict(type="list", elements="str"),
    purge_legal_hold_ids=dict(type="bool", default=False),
    bypass_governance_retention=dict(type="bool", default=False),
    part_size_mb=dict(type="int", default=DEFAULT_PART_SIZE_MB),
    max_concurrency=dict(type="int", default=DEFAULT_MAX_CONCURRENCY),
)


def task_problem(params, settings=None):
    """What is wrong with the task alone, or None; the controller asks first, before any call."""
    error = validate_bucket_name(params["bucket"]) or option_error(params)
    if not error and params["retention"] and parse_instant(params["retention"]["retain_until"]) is None:
        error = "retention.retain_until must be an ISO 8601 date or time, got %r" % params["retention"]["retain_until"]
    return error


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "mutually_exclusive": [EXCLUSIVE_OPTIONS], "validate": task_problem}


def main():
    module = CosModule.from_contract(PREFLIGHT)
    task = ObjectTask(module.conn, module.params, check_mode=module.check_mode, diff=module._diff)
    module.run(task.run, bucket=task.bucket, key=task.key, unmasked=task.unmasked)


if __name__ == "__main__":
    main()
