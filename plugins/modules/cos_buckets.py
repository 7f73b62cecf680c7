#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_buckets
short_description: Converge many IBM Cloud Object Storage buckets in one task
version_added: 0.2.0
description:
  - Converges every bucket of O(buckets) as M(ibm.cos.cos_bucket) converges one, in parallel inside
    one module run, sharing one connection (one S3 client, one IAM token).
  - Each item takes exactly the options of M(ibm.cos.cos_bucket) (not its connection options, which
    are given once for the task). The items are checked against M(ibm.cos.cos_bucket)'s own argument
    spec, and every item is checked before any call; a bad item fails the task naming its index and
    bucket, and nothing is changed.
  - A bucket that fails does not stop the others. The task fails after all have run, and its message
    lists every bucket that failed and why; RV(buckets) still holds every result.
  - A bucket named as a replication destination by another item is converged before that item.
  - This is a separate module, rather than a list-valued option of M(ibm.cos.cos_bucket), so that
    M(ibm.cos.cos_bucket) keeps one shape of return values.
extends_documentation_fragment:
  - ibm.cos.connection
attributes:
  check_mode:
    support: full
    description: Each bucket is read as in M(ibm.cos.cos_bucket) and reported as it would change; nothing is written.
  diff_mode:
    support: full
    description: Per bucket, keyed by name, the before and after of each setting that changes.
options:
  buckets:
    description:
      - The buckets. Each item is a dict of M(ibm.cos.cos_bucket)'s options, such as C(name),
        C(state), C(location), C(versioning) or C(lifecycle_rules), with the same meaning and
        defaults. As there, a setting an item leaves out is left alone and an empty value removes it.
      - Each bucket may appear once.
    type: list
    elements: dict
    required: true
  parallelism:
    description:
      - How many buckets are converged at the same time. Each bucket reads its settings in parallel
        too, so the calls in flight can reach a few times this number.
    type: int
    default: 8
notes:
  - Reads and writes per bucket are those of M(ibm.cos.cos_bucket) - on a rerun that changes nothing,
    one existence check per bucket plus one read per setting its item names, and no write.
seealso:
  - module: ibm.cos.cos_bucket
  - module: ibm.cos.cos_bucket_info
  - ref: ansible_collections.ibm.cos.docsite.guide_fleet
    description: Many buckets in one task, reading a fleet, and the buckets role.
"""

EXAMPLES = r"""
- name: Three log buckets, versioned, converged two at a time
  ibm.cos.cos_buckets:
    parallelism: 2
    buckets:
      - {name: example-logs-web, versioning: true}
      - {name: example-logs-api, versioning: true}
      - {name: example-logs-batch, versioning: true, storage_class: cold, location: us-south}

- name: Two buckets with their own settings, the replication destination first or not
  ibm.cos.cos_buckets:
    buckets:
      - name: example-app-data
        location: us-south
        storage_class: smart
        versioning: true
        replication_rules:
          - id: to-backup
            destination_bucket: example-app-backup
      - name: example-app-backup
        location: us-south
        versioning: true
        lifecycle_rules:
          - id: expire-old-versions
            noncurrent_version_expiration_days: 30
  register: example_fleet

- name: Show what changed
  ansible.builtin.debug:
    msg: "{{ example_fleet.buckets | selectattr('changed') | map(attribute='name') }}"
"""

RETURN = r"""
buckets:
  description:
    - One result per item, in the order of O(buckets). A bucket that converged has the return values
      of M(ibm.cos.cos_bucket) (C(name), C(changed), C(created), C(facets), C(changed_facets),
      C(location), C(crn), C(diff)), and C(failed=false); one that failed has C(name), C(failed=true)
      and C(msg) (plus C(error_code) and C(http_status) when COS answered with an error).
  returned: always
  type: list
  elements: dict
  sample:
    - {name: example-app-data, changed: true, created: false, changed_facets: [versioning], failed: false,
       facets: {versioning: true}, diff: {before: {versioning: false}, after: {versioning: true}}}
    - {name: example-app-backup, changed: false, failed: true, msg: "Access denied ...", error_code: AccessDenied}
summary:
  description: How many buckets there were, and how many changed, were created, were unchanged, failed.
  returned: always
  type: dict
  sample: {total: 50, changed: 2, created: 1, unchanged: 47, failed: 1}
"""

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils._connection import CosConnection
from ansible_collections.ibm.cos.plugins.module_utils.bucket.fleet import (
    DEFAULT_PARALLELISM, check_items, converge, report)

ARGUMENT_SPEC = dict(
    buckets=dict(type="list", elements="dict", required=True),
    parallelism=dict(type="int", default=DEFAULT_PARALLELISM),
)


def task_problem(params, settings=None):
    """Every bad item (index, name, problem), or None; makes no call."""
    if params["parallelism"] < 1:
        return f"parallelism must be 1 or more, got {params['parallelism']}"
    try:
        check_items(CosConnection(settings), params["buckets"])
    except CosError as exc:
        return str(exc)
    return None


# The module's one validation pass, made before any call (CosModule.from_contract).
PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem}


def main():
    module = CosModule.from_contract(PREFLIGHT)
    buckets = check_items(module.conn, module.params["buckets"], check_mode=module.check_mode)
    with module.errors():
        outcomes = converge(buckets, parallelism=module.params["parallelism"])
    result, failures = report(buckets, outcomes)
    if failures:
        module.fail_json(msg=f"{len(failures)} of {len(buckets)} buckets failed: " + "; ".join(failures), **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
