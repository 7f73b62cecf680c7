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
    A rerun of a task whose upload was killed aborts the multipart uploads that runs of it left on
    that key (IDs kept in C(uploads/) under the token cache directory); other tools' uploads stay.
  - With O(return_content) it reads a small object into RV(content) (or RV(content_base64) when it is not UTF-8 text).
  - Bad values (an empty key or one over 1024 bytes, invalid O(content_base64), non-ASCII metadata, more than
    10 tags, CR or LF in a header, a past O(retention.retain_until), a malformed legal hold ID) are refused
    before any call.
  - Downloads go to a temporary file in the same directory, renamed into place when complete.
seealso:
  - module: ibm.cos.cos_object_info
  - module: ibm.cos.cos_sync
  - ref: ansible_collections.ibm.cos.docsite.guide_migrating_from_amazon_aws
    description: The modes and options of C(amazon.aws.s3_object) mapped to this module.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.guides
  - ibm.cos.object_attributes.headers
  - ibm.cos.object_attributes.protection
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
    description:
      - File to upload, looked up on the controller as C(ansible.builtin.copy) looks up its C(src) (a relative
        path in the role's or playbook's C(files/)). When the task runs on a host that is not local, the file is
        copied into that host's remote tmp dir first. An absolute path not found on the controller is read on the host.
    type: path
  content: {description: Text to upload (UTF-8)., type: str}
  content_base64: {description: 'Binary content to upload, base64 encoded.', type: str}
  copy_source:
    description: Object to copy from, server side. A multipart source is copied at its own part size.
    type: dict
    suboptions:
      bucket: {description: Source bucket., type: str, required: true}
      key: {description: Source key. One of O(copy_source.key) and O(copy_source.prefix) is required., type: str}
      prefix:
        description:
          - Copy every object under this prefix, in parallel; O(key) is then the destination prefix that
            replaces it (the same as the prefix keeps the names). Each object is copied only when it differs.
        type: str
      version_id: {description: Source version., type: str}
  return_content:
    description: Return the object's bytes in RV(content) (UTF-8 text) or RV(content_base64), like
      C(mode=getstr) of C(amazon.aws.s3_object). Refused for objects over O(max_content_bytes).
    type: bool
  max_content_bytes:
    description: The largest object O(return_content) reads.
    type: int
    default: 1048576
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
        V(never) transfers only when the object (or for O(dest), the local file) does not exist;
        V(latest) transfers only when the source (the local file, or for O(dest) the object) was modified
        after the target, and differs.
      - Headers, metadata and tags are converged whatever this says.
    type: str
    choices: [always, never, different, latest]
    default: different
  metadata:
    description: The object's whole user metadata (keys are stored lower case). V({}) removes it all.
    type: dict
  tags:
    description:
      - Object tags. V({}) with O(purge_tags=true) removes every tag.
      - 'At most 10; keys 1-128 and values up to 256 characters of letters, digits, spaces and
        C(+ - = . _ : / @); keys may not start with C(ibm:).'
    type: dict
  purge_tags:
    description: Remove tags not in O(tags). Ignored when O(tags) is not set.
    type: bool
    default: true
  part_size_mb:
    description:
      - Part size and multipart threshold in MiB. The default, 20, follows IBM's guidance for objects under
        50 GB (20 to 100 MB parts, a multiple of 4 MiB; IBM Cloud docs, "Storing large objects" and
        "Data IO and encryption"). Above 10,000 parts it is doubled as often as needed.
    type: int
    default: 20
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

- name: Upload a local file (multipart from 20 MiB) unless the object is newer
  ibm.cos.cos_object:
    bucket: example-bucket
    key: bundles/hosts
    src: /etc/hosts
    overwrite: latest

- name: Publish a page and redirect an old address to it
  ibm.cos.cos_object:
    bucket: example-bucket
    key: old/index.html
    content: ""
    acl: public-read
    website_redirect_location: /new/index.html

- name: Read a small object into a variable
  ibm.cos.cos_object:
    bucket: example-bucket
    key: config/app settings.json
    return_content: true
  register: settings

- name: Copy every object under releases/1.0/ to releases/latest/
  ibm.cos.cos_object:
    bucket: example-bucket
    key: releases/latest/
    copy_source: {bucket: example-bucket, prefix: releases/1.0/}

- name: Upload motd.txt from the role's or playbook's files/ (read on the controller, for any host)
  ibm.cos.cos_object:
    bucket: example-bucket
    key: bundles/motd.txt
    src: motd.txt

- name: Download bundles/hosts (skipped when /tmp/hosts.copy already holds the same bytes)
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
tags:
  description: The object's tags after the task.
  returned: with O(state=present), not O(dest), O(presign) or O(return_content)
  type: dict
content:
  description: The object's bytes as text.
  returned: with O(return_content), when they are UTF-8
  type: str
content_base64:
  description: The object's bytes, base64 encoded.
  returned: with O(return_content), when they are not UTF-8
  type: str
copied:
  description: With O(copy_source.prefix), the destination keys copied (in check mode, that would be).
  returned: with O(copy_source.prefix)
  type: list
  elements: str
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

from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils.objects.object_options import PREFLIGHT
from ansible_collections.ibm.cos.plugins.module_utils.objects.object_task import ObjectTask

ARGUMENT_SPEC = PREFLIGHT["argument_spec"]


def main():
    module = CosModule.from_contract(PREFLIGHT)
    task = ObjectTask(module.conn, module.params, check_mode=module.check_mode, diff=module._diff)
    module.run(task.run, bucket=task.bucket, key=task.key, unmasked=task.unmasked)


if __name__ == "__main__":
    main()
