# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An in-place restore of a bucket to a point in time from a vault's recovery range
(bvm-restore.md). The same restore (range, point in time, target) is started once."""
from __future__ import annotations

import datetime

from ansible_collections.ibm.cos.plugins.module_utils.backup._base import BackupResource, Failure

MAX_ACTIVE = 3  # bvm-restore.md "Concurrent restore limit"
RUNNING = ("initializing", "running")


def parse_time(text: str) -> datetime.datetime:
    """ISO 8601 as the SDK accepts it (Z or an offset; none means UTC). Raises ValueError."""
    moment = datetime.datetime.fromisoformat(str(text).strip().replace("Z", "+00:00").replace("z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def api_time(moment: datetime.datetime) -> str:
    """YYYY-MM-DDTHH:mm:ss.sssZ, the API's own format (milliseconds, UTC)."""
    moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def same_moment(text: str, moment: datetime.datetime) -> bool:
    try:
        return api_time(parse_time(text)) == api_time(moment)
    except ValueError:
        return False


def refuse_legacy_firewall(target: str, config: dict):
    """bvm-restore.md "Target bucket configuration": the target "must not have legacy firewall rules
    configured". The bucket's configuration, read for its CRN, shows them (to the Manager role)."""
    firewall = (config or {}).get("firewall") or {}
    rules = {k: firewall[k] for k in ("allowed_ip", "denied_ip", "allowed_network_type") if firewall.get(k)}
    if rules:
        raise Failure(f"restore target bucket {target!r} has a legacy firewall ({rules}); COS restores only into "
                      "buckets without one: remove it (ibm.cos.cos_bucket with firewall: {}) or restore into "
                      "another bucket; context-based restrictions are no obstacle")


class BucketRestore(BackupResource):
    def start_or_find(self):
        """The restore this task asks for: an existing one (by ID, or the same one started before) or a new one."""
        vault = self.params["vault"]
        if self.params["restore_id"]:
            return self.api.get_restore(vault, self.params["restore_id"])
        bucket = self.params["bucket"]
        target = self.params["target_bucket"] or bucket
        moment = parse_time(self.params["point_in_time"])
        source = self.conn.config_api.get_bucket(bucket)[0]
        target_config = source if target == bucket else self.conn.config_api.get_bucket(target)[0]
        source_crn, target_crn = source["crn"], target_config["crn"]
        found = self._covering_range(vault, bucket, source_crn, moment)
        restores = self.api.list_restores(vault)
        same = [r for r in restores if r.get("recovery_range_id") == found["recovery_range_id"]
                and r.get("target_resource_crn") == target_crn and r.get("restore_status") != "failed"
                and same_moment(r.get("restore_point_in_time"), moment)]
        if same:
            return same[-1]
        active = [r for r in restores if r.get("restore_status") in RUNNING]
        if len(active) >= MAX_ACTIVE:
            raise Failure(f"backup vault {vault!r} already runs {len(active)} restores "
                          f"({', '.join(r.get('restore_id', '?') for r in active)}); COS runs at most {MAX_ACTIVE} "
                          "at a time: wait for one to finish")
        versioning = self.bucket_versioning(target)
        if versioning != "Enabled":
            raise Failure(f"restore target bucket {target!r} has versioning {versioning}; COS restores only into "
                          "buckets with versioning enabled")
        refuse_legacy_firewall(target, target_config)
        body = {"recovery_range_id": found["recovery_range_id"], "restore_type": "in_place",
                "restore_point_in_time": api_time(moment), "target_resource_crn": target_crn}
        self.after = dict(body)
        return self.write(self.api.create_restore, vault, body) or dict(body, restore_status="not started (check mode)")

    def _covering_range(self, vault, bucket, source_crn, moment):
        ranges = self.api.list_ranges(vault, source_crn)
        if self.params["recovery_range_id"]:
            ranges = [r for r in ranges if r.get("recovery_range_id") == self.params["recovery_range_id"]]
        covering = [r for r in ranges if parse_time(r["range_start_time"]) <= moment <= parse_time(r["range_end_time"])]
        if not covering:
            spans = "; ".join(f"{r.get('recovery_range_id')}: {r.get('range_start_time')} to {r.get('range_end_time')}"
                              for r in ranges) or "none"
            raise Failure(f"no recovery range of bucket {bucket!r} in backup vault {vault!r} covers {api_time(moment)} "
                          f"(ranges: {spans})")
        return max(covering, key=lambda r: r.get("range_create_time", ""))

    def follow(self, restore: dict):
        """Wait until the restore completes or fails; returns (restore, percent progress seen)."""
        vault, restore_id = self.params["vault"], restore.get("restore_id")
        if not restore_id or restore.get("restore_status") not in RUNNING:
            return restore, [restore.get("restore_percent_progress", 100 if restore.get("restore_status") == "complete" else 0)]
        last, seen = self.wait_for(lambda: self.api.get_restore(vault, restore_id),
                                   lambda r: r.get("restore_status") not in RUNNING,
                                   self.params["wait_timeout"], self.params["poll_interval"],
                                   f"restore {restore_id} into the target bucket")
        progress = [r.get("restore_percent_progress", 100 if r.get("restore_status") == "complete" else 0) for r in seen]
        return last, progress

    def run(self) -> dict:
        """Start the restore (or find it), follow it with wait, and fail when it failed."""
        found, progress = {}, []
        with self.errors(restore=found, progress=progress):
            found = self.start_or_find()
            if self.params["wait"] and not self.check_mode:
                found, progress = self.follow(found)
            if found.get("restore_status") == "failed":
                raise Failure(f"restore {found.get('restore_id')} failed: "
                              f"{found.get('error_cause') or 'no cause given'}", restore=found)
        return self.result(restore=found, progress=progress)
