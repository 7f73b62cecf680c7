"""Per-object retention in a bucket with a retention policy (IBM's Immutable Object Storage):
Retention-Period / Retention-Expiration-Date / Retention-Legal-Hold-ID on writes, the same facts on
HeadObject and GetObject, and ExtendObjectRetention (POST ?extendRetention), which only extends."""

import datetime

from werkzeug.wrappers import Response

from ..store import moto_store
from ..store.buckets import utc_now
from ..web.replies import S3Refusal

DAY = 86400
WRITES = {"PutObject", "CopyObject", "CompleteMultipartUpload"}
READS = {"HeadObject", "GetObject"}


class ObjectRetentionError(S3Refusal):
    def __init__(self, message, code="InvalidArgument", status=400):
        super().__init__(code, status, message)


def _utc(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _parse_date(text, header):
    try:
        return _utc(datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        raise ObjectRetentionError(f"{header} must be an ISO 8601 date, got {text!r}.") from None


def _seconds(text, header):
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise ObjectRetentionError(f"{header} must be a whole number of seconds.") from None
    if value < 0:
        raise ObjectRetentionError(f"{header} must not be negative.")
    return value


def _within_policy(record, written, expiry):
    policy = record.protection
    least = written + datetime.timedelta(days=policy["MinimumRetention"])
    most = written + datetime.timedelta(days=policy["MaximumRetention"])
    if not least <= expiry <= most:
        raise ObjectRetentionError(
            f"The retention must be between the bucket's minimum ({policy['MinimumRetention']} days) "
            f"and maximum ({policy['MaximumRetention']} days).")
    return expiry


# ledger: ORET-01
def expiry_for_write(call, record):
    """What a write asks for: ("period", seconds), ("date", datetime) or None for the bucket's
    default; checked against the policy now, applied once moto has stored the object."""
    headers = call.request.headers
    period, date = headers.get("Retention-Period"), headers.get("Retention-Expiration-Date")
    # ledger: ORET-04
    if (period or date or headers.get("Retention-Legal-Hold-ID")) and not record.protection:
        raise ObjectRetentionError("Retention headers need a bucket with a retention policy.", "InvalidRequest")
    if period and date:
        raise ObjectRetentionError("Give Retention-Period or Retention-Expiration-Date, not both.")
    hold_id = headers.get("Retention-Legal-Hold-ID")
    from .legal_holds import HOLD_ID  # legal_holds imports this module

    if hold_id and not HOLD_ID.match(hold_id):
        # ledger: LH-05
        raise ObjectRetentionError("A legal hold ID is 1-64 letters, digits and !_.*()'- characters.")
    now = utc_now()
    if period:
        seconds = _seconds(period, "Retention-Period")
        _within_policy(record, now, now + datetime.timedelta(seconds=seconds))
        return "period", seconds
    if date:
        return "date", _within_policy(record, now, _parse_date(date, "Retention-Expiration-Date"))
    return None


def record_write(call, record, asked):
    """After moto stored the object: remember its retention and any legal hold the write set."""
    stored = moto_store.current_object(record.name, call.key)
    if not record.protection or stored is None:
        return
    written = _utc(stored.last_modified)
    if asked is None:
        expiry = written + datetime.timedelta(days=record.protection["DefaultRetention"])
    elif asked[0] == "period":
        expiry = written + datetime.timedelta(seconds=asked[1])
    else:
        expiry = asked[1]
    record.object_retention[call.key] = expiry
    hold_id = call.request.headers.get("Retention-Legal-Hold-ID")
    if hold_id:
        record.legal_holds.setdefault(call.key, {}).setdefault(hold_id, utc_now())


def retention_expiry(record, key, stored_object):
    known = record.object_retention.get(key)
    if known is not None:
        return known
    written = _utc(stored_object.last_modified)
    return written + datetime.timedelta(days=record.protection["DefaultRetention"])


# ledger: ORET-02
def read_headers(record, key):
    """Headers HeadObject and GetObject carry for an object in a protected bucket."""
    stored = moto_store.current_object(record.name, key) if record.protection else None
    if stored is None:
        return []
    expiry = retention_expiry(record, key, stored)
    period = max(0, round((expiry - _utc(stored.last_modified)).total_seconds()))
    return [("Retention-Expiration-Date", expiry.strftime("%Y-%m-%dT%H:%M:%S.000Z")),
            ("Retention-Period", str(period)),
            ("Retention-Legal-Hold-Count", str(len(record.legal_holds.get(key, {}))))]


# ledger: ORET-03
def extend_retention(call, record):
    stored = moto_store.current_object(record.name, call.key)
    if stored is None:
        raise ObjectRetentionError("The specified key does not exist.", "NoSuchKey", 404)
    if not record.protection:
        raise ObjectRetentionError("The bucket has no retention policy.", "InvalidRequest")
    headers = call.request.headers
    given = {name: headers.get(name) for name in (
        "Additional-Retention-Period", "Extend-Retention-From-Current-Time",
        "New-Retention-Period", "New-Retention-Expiration-Date") if headers.get(name)}
    if len(given) != 1:
        raise ObjectRetentionError(f"Give exactly one of {sorted(given) or 'the retention headers'}.")
    (name, value), = given.items()
    written = _utc(stored.last_modified)
    current = retention_expiry(record, call.key, stored)
    if name == "Additional-Retention-Period":
        new = current + datetime.timedelta(seconds=_seconds(value, name))
    elif name == "Extend-Retention-From-Current-Time":
        new = utc_now() + datetime.timedelta(seconds=_seconds(value, name))
    elif name == "New-Retention-Period":
        new = written + datetime.timedelta(seconds=_seconds(value, name))
    else:
        new = _parse_date(value, name)
    if new < current:
        raise ObjectRetentionError("Retention can only be extended, not shortened.")
    record.object_retention[call.key] = _within_policy(record, written, new)
    return Response(b"", status=200)
