# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_bucket_replication_reattempt: schedule one more attempt for a bucket's stale replication failures.

COS retries a failed replication for 30 days, then lists it as a long-term failure; a reattempt
request puts every listed failure in the cycle that starts at the next midnight GMT
(replication.md "Failure Handling", "Schedule re-attempt of stale replication failures").
The task asks first whether there is anything to reattempt, so a bucket without failures costs no
write and reports no change.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

SCHEDULED_HEADER = "x-ibm-replication-reattempt-scheduled-time"


class ReplicationReattempt:
    def __init__(self, conn, params, check_mode=False):
        self.conn = conn
        self.bucket = params["name"]
        self.check_mode = check_mode

    def failure_count(self):
        """How many long-term failures the first page shows (one is enough to reattempt)."""
        page = read_or_default(
            lambda: self.conn.s3.list_bucket_replication_failures(Bucket=self.bucket, MaxKeys=1000),
            {"ReplicationConfigurationNotFoundError"}, {}).get("ListReplicationFailureResult") or {}
        return len(page.get("Contents") or []), bool(page.get("IsTruncated"))

    def run(self):
        count, more = self.failure_count()
        result = {"changed": False, "bucket": self.bucket, "failures": count, "more_failures": more,
                  "scheduled_time": None}
        if not count:
            return result
        result["changed"] = True
        if self.check_mode:
            return result
        answer = self.conn.s3.put_bucket_replication_reattempt(Bucket=self.bucket)
        headers = answer.get("ResponseMetadata", {}).get("HTTPHeaders", {})
        result["scheduled_time"] = headers.get(SCHEDULED_HEADER)
        return result
