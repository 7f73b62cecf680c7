"""What the backup service holds: vaults, policies, recovery ranges and restores, and the clock
that moves policies and restores through their states (every LEDGER.md row names its source)."""

import datetime
import threading
import uuid
from dataclasses import dataclass, field

from ..store import moto_store
from ..store.buckets import utc_now
from . import versions

# Timings of the simulation; a COS_STACK_CONFIG file may set any of them under "backup".
DEFAULTS = {
    "policy_pending_seconds": 0.2,   # pending -> initializing
    "policy_init_seconds": 0.8,      # initializing (initial_sync_progress) -> active
    "restore_init_seconds": 0.2,     # initializing -> running
    "restore_seconds": 1.0,          # running (restore_percent_progress) -> complete
    "day_seconds": 86400,            # how long a retention day lasts
    "sync_interval_seconds": 0.1,    # how often new object versions reach the vault
    # Service-to-service authorizations bucket instance -> vault instance: "all", or a list of
    # [source instance GUID, vault instance GUID] pairs.
    "authorizations": "all",
}
MAX_ACTIVE_RESTORES = 3  # bvm-restore.md "Concurrent restore limit", bvm-faq.md
MAX_POLICIES_PER_BUCKET = 3  # bvm-configure.md "Adding a backup policy to a bucket"


def timestamp(moment):
    """The API's time format, YYYY-MM-DDTHH:mm:ss.sssZ (SDK RecoveryRange, Restore)."""
    moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class Vault:
    name: str
    instance: str
    region: str
    root_key_crn: str | None
    activity_tracking: dict
    metrics_monitoring: dict
    created: datetime.datetime = field(default_factory=utc_now)
    updated: datetime.datetime = field(default_factory=utc_now)

    def etag(self):
        return f'"{uuid.uuid5(uuid.NAMESPACE_OID, self.name + self.updated.isoformat()).hex}"'


@dataclass
class RecoveryRange:
    range_id: str
    vault: str
    bucket: str
    source_crn: str
    policy_name: str
    policy_id: str
    start: datetime.datetime
    created: datetime.datetime
    delete_after_days: int
    end: datetime.datetime
    synced: dict = field(default_factory=dict)  # version ID -> versions.SyncedVersion
    seen: set = field(default_factory=set)  # version IDs looked at (synced or skipped)
    visible: bool = False  # hidden until the initial sync completes (bvm-overview.md)


@dataclass
class Policy:
    policy_id: str
    bucket: str
    name: str
    vault: str
    vault_crn: str
    delete_after_days: int
    created: datetime.datetime = field(default_factory=utc_now)
    status: str = "pending"
    progress: int = 0
    error_cause: str | None = None
    range_id: str | None = None


@dataclass
class Restore:
    restore_id: str
    vault: str
    range_id: str
    source_crn: str
    target_crn: str
    target_bucket: str
    point_in_time: datetime.datetime
    todo: list
    total: int
    created: datetime.datetime = field(default_factory=utc_now)
    status: str = "initializing"
    progress: int = 0
    completed: datetime.datetime | None = None


class BackupStore:
    def __init__(self, config, buckets):
        self.timing = {**DEFAULTS, **(config.get("backup") or {})}
        self.buckets = buckets
        self.lock = threading.RLock()
        self.vaults, self.policies, self.ranges, self.restores = {}, {}, {}, {}
        self.restored_versions = set()  # (bucket, version ID): written by a restore, never synced
        self._ticker = threading.Thread(target=self._tick_forever, daemon=True, name="cos-stack-backup")
        self._ticker.start()

    def clear(self):
        with self.lock:
            for table in (self.vaults, self.policies, self.ranges, self.restores):
                table.clear()
            self.restored_versions.clear()

    def authorized(self, source_instance, vault_instance):
        allowed = self.timing["authorizations"]
        return allowed == "all" or [source_instance, vault_instance] in allowed

    # -- the clock --
    def _tick_forever(self):
        stop = threading.Event()
        while not stop.wait(self.timing["sync_interval_seconds"]):
            try:
                self.tick()
            except Exception:  # pylint: disable=broad-except
                # moto's threads change the store under us; the next tick reads it again.
                continue

    # ledger: BKR-06
    def tick(self, now=None):
        now = now or utc_now()
        with self.lock:
            for policy in list(self.policies.values()):
                self._advance_policy(policy, now)
            for recovery_range in list(self.ranges.values()):
                self._sync(recovery_range, now)
            for restore in self.restores.values():
                self._advance_restore(restore, now)

    # ledger: BKP-02
    def _advance_policy(self, policy, now):
        if policy.status not in ("pending", "initializing"):
            return
        age = (now - policy.created).total_seconds()
        pending, init = self.timing["policy_pending_seconds"], self.timing["policy_init_seconds"]
        if age < pending:
            return
        if age < pending + init:
            policy.status = "initializing"
            policy.progress = int(100 * (age - pending) / init) if init else 100
            return
        policy.status, policy.progress = "active", 100
        self.ranges[policy.range_id].visible = True

    def start_range(self, policy, source_crn, now):
        """The initial sync copies every current version as the policy is set (bvm-configure.md)."""
        recovery_range = RecoveryRange(
            range_id=str(uuid.uuid4()), vault=policy.vault, bucket=policy.bucket, source_crn=source_crn,
            policy_name=policy.name, policy_id=policy.policy_id, start=now, created=now,
            delete_after_days=policy.delete_after_days, end=now)
        for version in versions.current_versions(policy.bucket):
            recovery_range.synced[version.version_id] = version
        recovery_range.seen = {version.version_id for version in versions.all_versions(policy.bucket)}
        self.ranges[recovery_range.range_id] = recovery_range
        policy.range_id = recovery_range.range_id

    def live_policy(self, recovery_range):
        policy = self.policies.get(recovery_range.policy_id)
        return policy if policy and policy.status != "failed" else None

    # ledger: BKR-05 BKS-01 BKS-02
    def _sync(self, recovery_range, now):
        retention = datetime.timedelta(seconds=recovery_range.delete_after_days * self.timing["day_seconds"])
        if self.live_policy(recovery_range) is not None:
            for version in versions.all_versions(recovery_range.bucket):
                if version.version_id in recovery_range.seen:
                    continue
                recovery_range.seen.add(version.version_id)
                if (recovery_range.bucket, version.version_id) not in self.restored_versions:
                    recovery_range.synced[version.version_id] = version
            recovery_range.end = now
        recovery_range.start = max(recovery_range.start, now - retention)
        if recovery_range.start >= recovery_range.end and self.live_policy(recovery_range) is None:
            # Retention has expired everything of a range whose policy is gone (bvm-overview.md).
            del self.ranges[recovery_range.range_id]

    # ledger: BKT-02
    def _advance_restore(self, restore, now):
        if restore.status in ("complete", "failed"):
            return
        age = (now - restore.created).total_seconds()
        init, run = self.timing["restore_init_seconds"], self.timing["restore_seconds"]
        if age < init:
            return
        restore.status = "running"
        done_share = min(1.0, (age - init) / run) if run else 1.0
        should_be_done = int(restore.total * done_share)
        while restore.total - len(restore.todo) < should_be_done and restore.todo:
            version = restore.todo.pop(0)
            if versions.write_version(restore.target_bucket, version):
                self.restored_versions.add((restore.target_bucket, version.version_id))
        restore.progress = int(100 * done_share)
        if done_share >= 1.0 and not restore.todo:
            restore.status, restore.progress, restore.completed = "complete", 100, now

    def active_restores(self, vault):
        return [r for r in self.restores.values() if r.vault == vault and r.status in ("initializing", "running")]

    # ledger: BKT-03
    @staticmethod
    def versions_at(recovery_range, moment):
        """What was current at `moment`: the newest synced version of each key not newer than it,
        delete markers included (bvm-restore.md "Triggering restores")."""
        newest = {}
        for version in recovery_range.synced.values():
            if version.last_modified <= moment:
                known = newest.get(version.key)
                if known is None or version.last_modified >= known.last_modified:
                    newest[version.key] = version
        return sorted(newest.values(), key=lambda version: version.key)

    # ledger: BKV-08
    def bytes_used(self, vault_name):
        return sum(version.size for r in self.ranges.values() if r.vault == vault_name
                   for version in r.synced.values())


_CREATE_LOCK = threading.Lock()


def store_for(state):
    """The stack's backup store, made on first use and emptied by POST /_stack/reset."""
    with _CREATE_LOCK:
        store = getattr(state, "backup_store", None)
        if store is None:
            store = state.backup_store = BackupStore(state.config, state.buckets)
            state.on_reset.append(store.clear)
        return store


def versioning_enabled(bucket_name):
    return moto_store.versioning_enabled(bucket_name)
