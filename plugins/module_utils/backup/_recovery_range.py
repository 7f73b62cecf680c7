# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The recovery ranges of a bucket in a vault. Their retention is set by the policy at first and
changed on the range itself afterwards (bvm-overview.md "A RecoveryRange retention")."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils.backup._base import BackupResource, Failure


def retention_days(found: dict):
    return (found.get("retention") or {}).get("delete_after_days")


class RecoveryRanges(BackupResource):
    def of_bucket(self, vault: str, bucket: str | None) -> list:
        if self.api.get_vault(vault)[0] is None:
            raise Failure(f"backup vault {vault!r} does not exist")
        source_crn = self.bucket_crn(bucket) if bucket else None
        return self.api.list_ranges(vault, source_crn)

    def set_retention(self):
        vault, bucket, wanted = self.params["vault"], self.params["bucket"], self.params["delete_after_days"]
        ranges = self.of_bucket(vault, bucket)
        range_id = self.params["recovery_range_id"]
        if range_id:
            ranges = [r for r in ranges if r.get("recovery_range_id") == range_id]
        if not ranges:
            which = f"recovery range {range_id!r}" if range_id else "recovery range"
            raise Failure(f"backup vault {vault!r} holds no {which} of bucket {bucket!r} yet (a range appears when "
                          "its backup policy has finished the initial sync)")
        changed = [r for r in ranges if retention_days(r) != wanted]
        self.before = {r["recovery_range_id"]: retention_days(r) for r in changed}
        self.after = {r["recovery_range_id"]: wanted for r in changed}
        updated = {}
        for found in changed:
            # IBM's example answer to this PATCH holds only the retention: keep the rest from the listing.
            self.write(self.api.patch_range, vault, found["recovery_range_id"], wanted)
            updated[found["recovery_range_id"]] = dict(found, retention={"delete_after_days": wanted})
        return [updated.get(r["recovery_range_id"], r) for r in ranges]

    def run(self) -> dict:
        with self.errors():
            found = self.set_retention()
        return self.result(recovery_ranges=found)
