#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_object_info
short_description: List IBM Cloud Object Storage objects and read their details
version_added: 0.1.0
description:
  - Lists the objects of a bucket under O(prefix), grouped by O(delimiter) into RV(common_prefixes),
    page after page (C(ListObjectsV2), up to 1000 keys a request), or only O(max_keys) of them with a
    token to go on from.
  - With O(versions=true), lists object versions and delete markers instead (C(ListObjectVersions)).
  - With O(keys), reads the details of those objects instead (one C(HeadObject) each, in parallel),
    size, ETag, headers, user metadata, Object Lock state, and with O(tags=true) their tags.
seealso:
  - module: ibm.cos.cos_object
  - ref: ansible_collections.ibm.cos.docsite.guide_migrating_from_amazon_aws
    description: C(amazon.aws.s3_object) with C(mode=list) and its counterpart here.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.guides
  - ibm.cos.info_module
options:
  bucket:
    description: Bucket name.
    type: str
    required: true
  prefix:
    description: Only keys that start with this.
    type: str
    default: ''
  delimiter:
    description: Group keys up to the next occurrence of this (usually V(/)) into RV(common_prefixes).
    type: str
  max_keys:
    description:
      - Return at most this many entries (objects plus common prefixes, or versions plus delete markers)
        and, when more remain, RV(next_continuation_token). Without it every page is read.
    type: int
  continuation_token:
    description: RV(next_continuation_token) of an earlier call, to go on from there.
    type: str
  start_after:
    description: Only keys after this one (object listings without O(continuation_token)).
    type: str
  versions:
    description: List versions and delete markers instead of current objects.
    type: bool
    default: false
  keys:
    description: Read the details of these keys instead of listing. Missing keys come back with C(exists=false).
    type: list
    elements: str
  version_id:
    description: With O(keys), read this version of them.
    type: str
  tags:
    description: With O(keys), also read each object's tags (one more request per key).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Something to list
  ibm.cos.cos_object:
    bucket: example-bucket
    key: "{{ item }}"
    content: "sample"
  loop: ["config/app settings.json", config/db.json, bundles/hosts]

- name: List the top level of a bucket like a directory
  ibm.cos.cos_object_info:
    bucket: example-bucket
    delimiter: /
  register: top

- name: First 100 objects under a prefix, and the token for the next 100
  ibm.cos.cos_object_info:
    bucket: example-bucket
    prefix: config/
    max_keys: 100
  register: page

- name: Details and tags of two objects
  ibm.cos.cos_object_info:
    bucket: example-bucket
    keys: ["config/app settings.json", bundles/hosts]
    tags: true
"""

RETURN = r"""
objects:
  description:
    - Listed objects (C(key), C(size), C(etag), C(last_modified), C(storage_class)), in key order.
    - With O(keys), their details instead, in the order given.
  returned: unless O(versions)
  type: list
  elements: dict
  sample: [{key: config/app.json, size: 20, etag: 0f343b0931126a20f133d67c2b018a3b,
            last_modified: "2026-01-01T00:00:00+00:00", storage_class: STANDARD}]
common_prefixes:
  description: Key groups under O(delimiter), like sub-directories.
  returned: when listing
  type: list
  elements: str
versions:
  description: Object versions (C(key), C(version_id), C(is_latest), C(size), C(etag), C(last_modified)).
  returned: with O(versions)
  type: list
  elements: dict
delete_markers:
  description: Delete markers (C(key), C(version_id), C(is_latest), C(last_modified)).
  returned: with O(versions)
  type: list
  elements: dict
is_truncated:
  description: Whether more entries remain after this call.
  returned: when listing
  type: bool
next_continuation_token:
  description: Pass as O(continuation_token) to go on; null when nothing remains.
  returned: when listing
  type: str
"""

from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import validate_bucket_name
from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils.objects.info_task import InfoTask

ARGUMENT_SPEC = dict(
    bucket=dict(type="str", required=True),
    prefix=dict(type="str", default=""),
    delimiter=dict(type="str"),
    max_keys=dict(type="int", no_log=False),
    continuation_token=dict(type="str", no_log=False),
    start_after=dict(type="str"),
    versions=dict(type="bool", default=False),
    keys=dict(type="list", elements="str", no_log=False),
    version_id=dict(type="str"),
    tags=dict(type="bool", default=False),
)


MUTUALLY_EXCLUSIVE = [["keys", "versions"], ["keys", "max_keys"]]


def task_problem(params, settings=None):
    """What is wrong with the task alone, or None; the controller asks first, before any call."""
    if params["max_keys"] is not None and params["max_keys"] < 1:
        return "max_keys must be at least 1, got %s" % params["max_keys"]
    return validate_bucket_name(params["bucket"])


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "mutually_exclusive": MUTUALLY_EXCLUSIVE, "validate": task_problem}


def main():
    module = CosModule.from_contract(PREFLIGHT)
    module.run(InfoTask(module.conn, module.params).run, bucket=module.params["bucket"])


if __name__ == "__main__":
    main()
