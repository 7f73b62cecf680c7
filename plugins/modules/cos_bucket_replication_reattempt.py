#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_bucket_replication_reattempt
short_description: Schedule another attempt for the stale replication failures of an IBM COS bucket
version_added: 0.1.0
description:
  - COS retries a failed replication for up to 30 days, then stops and lists it as a long-term
    failure (RV(ibm.cos.cos_bucket_info#module:buckets[].replication_failures)).
  - This module asks COS to attempt every such failure of the bucket once more, in the cycle that
    starts at the next midnight GMT (C(PUT ?ibm-replication-reattempt)). Fix the cause first
    (destination versioning, Object Lock on the destination, the IAM authorization between the buckets).
  - It lists the failures first and writes nothing when there are none, so a run on a bucket
    without failures reports no change. COS treats requests on the same day as one.
seealso:
  - module: ibm.cos.cos_bucket
  - module: ibm.cos.cos_bucket_info
  - ref: ansible_collections.ibm.cos.docsite.guide_replication_and_lifecycle
    description: Replication, its failures and reattempts, and lifecycle rules.
extends_documentation_fragment:
  - ibm.cos.connection
attributes:
  check_mode:
    support: full
    description: Lists the failures and reports whether a reattempt would be scheduled.
  diff_mode:
    support: none
    description: There is no state to compare; the result says what was scheduled.
options:
  name:
    description: The source bucket, the one with the replication rules.
    type: str
    required: true
    aliases: [bucket]
"""

EXAMPLES = r"""
- name: Read the failures COS stopped retrying
  ibm.cos.cos_bucket_info:
    name: example-app-data
    settings: [replication_failures]
  register: replication

- name: After fixing their cause, attempt them once more
  ibm.cos.cos_bucket_replication_reattempt:
    name: example-app-data
  when: replication.buckets[0].replication_failures | length > 0
"""

RETURN = r"""
bucket:
  description: The bucket.
  returned: always
  type: str
failures:
  description: How many long-term failures the first page of the listing held (at most 1000).
  returned: always
  type: int
  sample: 2
more_failures:
  description: Whether the listing had further pages.
  returned: always
  type: bool
scheduled_time:
  description: When COS starts the reattempts (HTTP date, GMT); null when nothing was scheduled.
  returned: always
  type: str
  sample: Fri, 12 Dec 2025 00:00:00 GMT
"""

from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import validate_bucket_name
from ansible_collections.ibm.cos.plugins.module_utils.bucket.reattempt import ReplicationReattempt

ARGUMENT_SPEC = dict(name=dict(type="str", required=True, aliases=["bucket"]))


def task_problem(params, settings=None):
    problem = validate_bucket_name(params["name"])
    return "name: " + problem if problem else None


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem}


def main():
    module = CosModule.from_contract(PREFLIGHT)
    task = ReplicationReattempt(module.conn, module.params, module.check_mode)
    module.run(task.run, bucket=module.params["name"])


if __name__ == "__main__":
    main()
