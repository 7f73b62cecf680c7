# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read the named settings of one bucket for cos_bucket_info, through cos_bucket's own settings, so
both modules show a setting the same way. HeadBucket is made only when Key Protect is asked for."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from .driver import read_current
from .resource import bucket_headers
from .settings import NAMES, settings_named
from .settings._base import BucketContext, Setting
from .settings._config import ConfigSetting


class UsageSetting(ConfigSetting):
    """Read-only: what the Resource Configuration API counts for the bucket."""

    name = "usage"

    def from_config(self, body):
        return {key: body.get(key) for key in ("crn", "object_count", "bytes_used")}


def _when(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


class ReplicationFailuresSetting(Setting):
    """Read-only: the long-term replication failures COS no longer retries on its own, every page
    (`GET ?ibm-replication-failures`, replication.md "List replication failures for a bucket")."""

    name = "replication_failures"

    def read(self, ctx):
        failures, token = [], None
        while True:
            page = read_or_default(
                lambda: ctx.s3.list_bucket_replication_failures(
                    Bucket=ctx.bucket, MaxKeys=1000, **({"ContinuationToken": token} if token else {})),
                {"ReplicationConfigurationNotFoundError"}, {}).get("ListReplicationFailureResult") or {}
            failures += [{"key": entry.get("Key"), "version_id": entry.get("VersionId"),
                          "sync_type": entry.get("SyncType"), "cause": entry.get("SyncFailureCause"),
                          "first_sync_attempted": _when(entry.get("FirstSyncAttempted")),
                          "last_sync_attempted": _when(entry.get("LastSyncAttempted"))}
                         for entry in page.get("Contents") or []]
            token = page.get("NextContinuationToken") if page.get("IsTruncated") else None
            if not token:
                return failures


READ_ONLY = (UsageSetting, ReplicationFailuresSetting)
# Location and class come from the listing itself; every other cos_bucket setting can be read.
SETTING_NAMES = tuple(name for name in NAMES if name != "location_constraint") + tuple(s.name for s in READ_ONLY)


def read_bucket_settings(conn, bucket: str, names) -> dict:
    """{setting: current value} for the settings `names` of `bucket`; `conn` is the CosConnection."""
    settings = settings_named(names) + [extra() for extra in READ_ONLY if extra.name in names]
    ctx = BucketContext(conn, bucket)
    if any(s.api == "head" for s in settings):
        ctx.head = bucket_headers(conn.s3, bucket)
    return read_current(ctx, settings)
