# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read the named settings of one bucket for cos_bucket_info, through cos_bucket's own settings, so
both modules show a setting the same way. HeadBucket is made only when Key Protect is asked for.

An info read never fails because one setting cannot be read: a setting COS does not offer
(NotImplemented) or the caller's role may not see (AccessDenied) is left out with a reason, which
the lister turns into a warning; so are the Resource Configuration API settings under HMAC keys,
which that API does not accept.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import ConfigApiError, error_code, read_or_default
from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel

from .resource import bucket_headers
from .settings import NAMES, settings_named
from .settings._base import BucketContext, Setting
from .settings._config import ConfigSetting

NEEDS_IAM = "the Resource Configuration API needs IAM auth (api_key, a trusted profile or iam_token), not HMAC keys"


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
# Location and class come from the listing itself; tags do not exist on COS buckets (settings/tags.py);
# every other cos_bucket setting can be read.
SETTING_NAMES = (tuple(name for name in NAMES if name not in ("location_constraint", "tags"))
                 + tuple(s.name for s in READ_ONLY))
# Settings that cos_bucket_info refuses (before any call), with the reason.
REFUSED = {"tags": "settings: tags cannot be read: IBM Cloud Object Storage has no bucket tagging (it documents "
                   "no bucket tagging call). IBM Cloud tags belong to the bucket's service instance; read them "
                   "with IBM Cloud's tagging tools. Remove tags from settings."}


class Unreadable:
    """Why a setting could not be read (its value is left out of the result)."""

    def __init__(self, reason):
        self.reason = reason


def unreadable_reason(exc):
    """The reason a read failure means "this setting cannot be read here", or None for a real failure."""
    status = exc.status if isinstance(exc, ConfigApiError) else None
    code = error_code(exc)
    if code in ("NotImplemented", "501") or status == 501:
        return f"COS does not support reading it ({code or status})"
    if code in ("AccessDenied", "403") or status in (401, 403):
        return (f"the credentials' role may not read it, or the bucket's firewall keeps this client out "
                f"({code or 'HTTP %s' % status})")
    if code in ("MethodNotAllowed", "405"):
        return f"COS does not offer it on this bucket ({code})"
    return None


def _guarded(read):
    try:
        return read()
    except Exception as exc:  # pylint: disable=broad-except
        reason = unreadable_reason(exc)
        if reason is None:
            raise
        return Unreadable(reason)


def read_bucket_settings(conn, bucket: str, names):
    """({setting: current value}, {setting: reason not read}) for the settings `names` of `bucket`.

    `conn` is the CosConnection; runs in a worker thread, so it raises and never touches the module.
    """
    settings = settings_named(names) + [extra() for extra in READ_ONLY if extra.name in names]
    skipped = {}
    if conn.settings is not None and not conn.settings.uses_iam:
        skipped.update({s.name: NEEDS_IAM for s in settings if s.api == "config"})
        settings = [s for s in settings if s.api != "config"]
    ctx = BucketContext(conn, bucket)
    head_settings = [s for s in settings if s.api == "head"]
    if head_settings:
        ctx.head = _guarded(lambda: bucket_headers(conn.s3, bucket))
        if isinstance(ctx.head, Unreadable):
            skipped.update({s.name: ctx.head.reason for s in head_settings})
            settings = [s for s in settings if s.api != "head"]
    jobs = {s.name: (lambda s=s: _guarded(lambda: s.read(ctx))) for s in settings if s.api == "s3"}
    config_settings = [s for s in settings if s.api == "config"]
    if config_settings:
        config_api = conn.config_api
        jobs["__config__"] = lambda: _guarded(lambda: config_api.get_bucket(bucket))
    results = run_parallel(jobs)
    config = results.pop("__config__", None)
    if isinstance(config, Unreadable):
        skipped.update({s.name: config.reason for s in config_settings})
    elif config is not None:
        ctx.config, ctx.config_etag = config
        results.update({s.name: s.read(ctx) for s in config_settings})
    for setting in [s for s in settings if s.api == "head"]:
        results[setting.name] = setting.read(ctx)
    for name, value in list(results.items()):
        if isinstance(value, Unreadable):
            skipped[name] = value.reason
            del results[name]
    return results, skipped
