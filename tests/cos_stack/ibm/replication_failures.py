"""Long-term replication failures: COS lists them (`GET ?ibm-replication-failures`) and schedules
them for one more attempt (`PUT ?ibm-replication-reattempt`). The stack replicates nothing, so a
test seeds the failures through the admin API (`POST /_stack/replication-failures`)."""

import base64
import datetime
from xml.sax.saxutils import escape

from werkzeug.wrappers import Response

from ..web.replies import S3Refusal

FAILURE_OPS = {"ListBucketReplicationFailures", "PutBucketReplicationReattempt"}
MAX_KEYS = 1000
NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
FIELDS = (("key", "Key"), ("version_id", "VersionId"), ("sync_type", "SyncType"),
          ("first_sync_attempted", "FirstSyncAttempted"), ("last_sync_attempted", "LastSyncAttempted"),
          ("cause", "SyncFailureCause"))


def seed_failures(record, failures):
    """Admin API: set the bucket's long-term failures (a list of dicts with the FIELDS' keys)."""
    record.replication_failures = [
        {"key": str(f["key"]), "version_id": str(f.get("version_id") or "null"),
         "sync_type": str(f.get("sync_type") or "Content"),
         "first_sync_attempted": str(f["first_sync_attempted"]),
         "last_sync_attempted": str(f.get("last_sync_attempted") or f["first_sync_attempted"]),
         "cause": str(f.get("cause") or "Internal error")}
        for f in failures]


def _token(failure):
    return base64.urlsafe_b64encode(f"{failure['first_sync_attempted']}|{failure['key']}".encode()).decode()


def _max_keys(query):
    text = query.get("max-keys")
    if text is None:
        return MAX_KEYS
    if not text.isdigit() or not 0 <= int(text) <= MAX_KEYS:
        raise S3Refusal("InvalidArgument", 400, f"max-keys must be a whole number from 0 to {MAX_KEYS}.")
    return int(text)


def list_failures(record, query):
    # ledger: REPL-06
    # Newest first by the time the sync was first attempted; first-sync-attempted-before keeps
    # entries at least that old; continuation-token resumes after the last entry of a page.
    max_keys = _max_keys(query)
    entries = sorted(record.replication_failures,
                     key=lambda f: (f["first_sync_attempted"], f["key"]), reverse=True)
    before = query.get("first-sync-attempted-before")
    if before:
        entries = [f for f in entries if f["first_sync_attempted"] <= before]
    token = query.get("continuation-token")
    if token:
        tokens = [_token(f) for f in entries]
        if token not in tokens:
            raise S3Refusal("InvalidArgument", 400, "The continuation token provided is incorrect.")
        entries = entries[tokens.index(token) + 1:]
    page, truncated = entries[:max_keys], len(entries) > max_keys
    parts = [f'<ListReplicationFailureResult xmlns="{NAMESPACE}">', f"<Name>{escape(record.name)}</Name>"]
    if before:
        parts.append(f"<FirstSyncAttemptedBefore>{escape(before)}</FirstSyncAttemptedBefore>")
    parts += [f"<MaxKeys>{max_keys}</MaxKeys>", f"<IsTruncated>{'true' if truncated else 'false'}</IsTruncated>",
              f"<KeyCount>{len(page)}</KeyCount>"]
    if token:
        parts.append(f"<ContinuationToken>{escape(token)}</ContinuationToken>")
    if truncated:
        parts.append(f"<NextContinuationToken>{_token(page[-1])}</NextContinuationToken>")
    for failure in page:
        parts.append("<Contents>" + "".join(f"<{tag}>{escape(failure[field])}</{tag}>"
                                            for field, tag in FIELDS) + "</Contents>")
    parts.append("</ListReplicationFailureResult>")
    return Response("".join(parts).encode(), content_type="application/xml")


def next_midnight_gmt(now=None):
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(),
                                     datetime.timezone.utc)


def schedule_reattempt(record, now=None):
    # ledger: REPL-07
    # Scheduled for the cycle that starts at the next midnight GMT; the same day gives the same time.
    record.reattempt_scheduled = next_midnight_gmt(now)
    stamp = record.reattempt_scheduled.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return Response(b"", status=204, headers={"x-ibm-replication-reattempt-scheduled-time": stamp})


def replication_failure_call(call, record):
    if call.op == "ListBucketReplicationFailures":
        return list_failures(record, call.query)
    return schedule_reattempt(record)
