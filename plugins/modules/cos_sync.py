#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_sync
short_description: Mirror a local directory and a prefix of an IBM Cloud Object Storage bucket
version_added: 0.1.0
description:
  - Uploads the files under O(src) that are new or changed to O(bucket) under O(prefix), and with
    O(delete=true) deletes the objects under the prefix that have no local file.
  - With O(direction=pull) it is the other way round (see O(direction)).
  - One listing of the prefix (C(ListObjectsV2), 1000 keys a page) is compared with the local tree,
    sizes first, then for files of equal size the checksum (MD5, or the recomputed multipart ETag).
    Nothing is read remotely per file, and a second run uploads nothing.
  - Uploads share one transfer manager, so at most O(max_concurrency) requests are in flight, small
    files and the parts of large ones alike. Deletes go 1000 keys per C(DeleteObjects) call.
  - Content types are guessed from file names (Python's C(mimetypes)), overridable by O(content_types).
notes:
  - There is no storage class per object. In IBM COS the storage class belongs to the bucket, chosen
    by its C(LocationConstraint) when it is created (M(ibm.cos.cos_bucket)); object listings report
    a default C(StorageClass) because storage class operations are not implemented, and objects are
    reclassified only by moving them to a bucket of the wanted class (IBM Cloud docs,
    U(https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-classes) and
    U(https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-compatibility-api-bucket-operations)).
    Archiving is a bucket lifecycle rule.
seealso:
  - module: ibm.cos.cos_object
  - ref: ansible_collections.ibm.cos.docsite.guide_syncing_directories
    description: Push and pull, change strategies, single files, symbolic links.
  - ref: ansible_collections.ibm.cos.docsite.guide_migrating_from_amazon_aws
    description: C(community.aws.s3_sync) and its counterpart here.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.guides
attributes:
  check_mode:
    support: full
    description: Lists what would be uploaded and deleted, and transfers nothing.
  diff_mode:
    support: full
    description: One line per key, C(+) new, C(~) updated, C(-) deleted.
options:
  src:
    description:
      - The local side. For a push, a directory, or a single file, which goes to the key O(prefix)
        plus its file name (the key it would have at the top of a synced directory, so switching
        between the two never moves an object).
      - For a pull, the directory to download into; it is created when missing.
    type: path
    required: true
  direction:
    description:
      - V(push) makes the objects under O(prefix) match O(src).
      - V(pull) makes the files under O(src) match the objects under O(prefix), keyed by the rest of
        the key. Each file is written to a temporary file beside it and renamed when complete, so an
        interrupted run never leaves a partial file; its modification time is set to the object's
        C(LastModified). With O(delete=true), local files with no object are removed.
    type: str
    choices: [push, pull]
    default: push
  strategy:
    description:
      - How a file and an object of the same size are told apart (a size difference always counts).
      - V(etag) compares the MD5 of the file with the ETag, or for multipart objects recomputes the
        multipart ETag from the file; it reads every file of matching size.
      - V(size_mtime) reads no file. On a push the file is unchanged when it was last modified no later
        than the object (to the second); on a pull when the file is no older than the object's
        C(LastModified), which a pull sets. Faster, but blind to edits that keep size and time.
      - V(always) transfers every file.
    type: str
    choices: [etag, size_mtime, always]
    default: etag
  bucket:
    description: Bucket name.
    type: str
    required: true
  prefix:
    description: Key prefix the tree goes under; V(site) and V(site/) both mean C(site/). Empty is the bucket root.
    type: str
    default: ''
  delete:
    description:
      - Delete objects under O(prefix) that have no local file. Objects O(include) / O(exclude) filter
        out are never deleted.
    type: bool
    default: false
  include:
    description:
      - Only files matching one of these globs. A glob without C(/) matches the file name at any depth
        (V(*.html)); one with C(/) matches the path relative to O(src), and its C(*) crosses C(/) (V(assets/*)).
    type: list
    elements: str
  exclude:
    description: Skip files matching any of these globs (same rules as O(include)); they win over O(include).
    type: list
    elements: str
  content_types:
    description: 'Content type by file extension, overriding the guess, for example C({".md": "text/markdown"}).'
    type: dict
  cache_control:
    description:
      - C(Cache-Control) for uploaded files. Like O(metadata) and the content type, it is set when a
        file is uploaded; objects left unchanged keep theirs.
    type: str
  metadata:
    description: User metadata for uploaded files.
    type: dict
  follow_symlinks:
    description:
      - Follow symbolic links to files and directories (skipped otherwise).
      - A link to a directory above it (a loop) fails the task, naming the link, before any transfer.
    type: bool
    default: false
  part_size_mb:
    description:
      - Part size and multipart threshold in MiB (see M(ibm.cos.cos_object)).
      - The default follows IBM's guidance of 20-100 MiB parts in multiples of 4 MiB.
    type: int
    default: 20
  max_concurrency:
    description: Requests in flight at once, across all files.
    type: int
    default: 8
"""

EXAMPLES = r"""
- name: A small site to publish
  ansible.builtin.file:
    path: site/css
    state: directory
    mode: "0755"

- name: Its pages
  ansible.builtin.copy:
    dest: "site/{{ item.path }}"
    content: "{{ item.content }}"
    mode: "0644"
  loop:
    - {path: index.html, content: "<h1>Hello</h1>"}
    - {path: css/site.css, content: "h1 { color: teal }"}
    - {path: notes.tmp, content: "not for publishing"}

- name: Publish it, removing pages that no longer exist
  ibm.cos.cos_sync:
    src: site
    bucket: example-bucket
    prefix: www
    delete: true
    exclude: ["*.tmp", "drafts/*"]
    cache_control: max-age=300
  register: published

- name: Fetch the published pages back into a local copy, removing files no longer published
  ibm.cos.cos_sync:
    src: site-copy
    direction: pull
    bucket: example-bucket
    prefix: www
    delete: true
    strategy: size_mtime

- name: Upload one file to www/index.html (a file as src goes to prefix + its name)
  ibm.cos.cos_sync:
    src: site/index.html
    bucket: example-bucket
    prefix: www

- name: Preview a sync of only the stylesheets
  ibm.cos.cos_sync:
    src: site
    bucket: example-bucket
    prefix: www
    include: ["*.css"]
  check_mode: true
"""

RETURN = r"""
uploaded:
  description: Keys uploaded (or in check mode, to upload), new and updated; empty on a pull.
  returned: always
  type: list
  elements: str
  sample: [site/index.html]
downloaded:
  description: Paths relative to O(src) downloaded (or to download), new and updated; empty on a push.
  returned: always
  type: list
  elements: str
  sample: [index.html]
new:
  description: Transferred entries that did not exist on the receiving side (keys on a push, relative paths on a pull).
  returned: always
  type: list
  elements: str
updated:
  description: Transferred entries whose content differed.
  returned: always
  type: list
  elements: str
deleted:
  description: Keys (push) or relative paths (pull) deleted, or to delete.
  returned: always
  type: list
  elements: str
unchanged:
  description: Entries left alone because the receiving side already holds the same bytes.
  returned: always
  type: list
  elements: str
bytes_uploaded:
  description: Bytes uploaded (or to upload).
  returned: always
  type: int
bytes_downloaded:
  description: Bytes downloaded (or to download).
  returned: always
  type: int
direction:
  description: The direction synced.
  returned: always
  type: str
prefix:
  description: The normalised prefix.
  returned: always
  type: str
"""

from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import validate_bucket_name
from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils.objects.sync_plan import STRATEGIES
from ansible_collections.ibm.cos.plugins.module_utils.objects.sync_task import SyncTask
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import (
    DEFAULT_MAX_CONCURRENCY, RECOMMENDED_PART_SIZE_MB, validate_transfer_options)

ARGUMENT_SPEC = dict(
    src=dict(type="path", required=True),
    direction=dict(type="str", choices=["push", "pull"], default="push"),
    strategy=dict(type="str", choices=list(STRATEGIES), default="etag"),
    bucket=dict(type="str", required=True),
    prefix=dict(type="str", default=""),
    delete=dict(type="bool", default=False),
    include=dict(type="list", elements="str"),
    exclude=dict(type="list", elements="str"),
    content_types=dict(type="dict"),
    cache_control=dict(type="str"),
    metadata=dict(type="dict"),
    follow_symlinks=dict(type="bool", default=False),
    part_size_mb=dict(type="int", default=RECOMMENDED_PART_SIZE_MB),
    max_concurrency=dict(type="int", default=DEFAULT_MAX_CONCURRENCY),
)


def task_problem(params, settings=None):
    """What is wrong with the task alone, or None (src is the target's, so it is checked there)."""
    return validate_bucket_name(params["bucket"]) or validate_transfer_options(
        params["part_size_mb"], params["max_concurrency"])


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem}


def main():
    module = CosModule.from_contract(PREFLIGHT)
    task = SyncTask(module.conn, module.params, check_mode=module.check_mode, diff=module._diff)
    module.run(task.run, bucket=task.bucket)


if __name__ == "__main__":
    main()
