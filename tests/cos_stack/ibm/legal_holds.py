"""AddLegalHold / DeleteLegalHold / ListLegalHolds (POST|GET /{bucket}/{key}?legalHold): holds on
objects in a bucket with a retention policy; a held object cannot be deleted or overwritten."""

import datetime
import re
from xml.sax.saxutils import escape

from werkzeug.wrappers import Response

from ..store import moto_store
from ..store.buckets import utc_now
from .object_retention import retention_expiry
from ..web.replies import S3Refusal

MAX_HOLDS = 100
# ledger: LH-05
HOLD_ID = re.compile(r"^[A-Za-z0-9!_.*()'-]{1,64}$")


class LegalHoldError(S3Refusal):
    pass


def _iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# ledger: LH-01
def legal_hold_call(call, record):
    stored = moto_store.current_object(record.name, call.key)
    if stored is None:
        raise LegalHoldError("NoSuchKey", 404, "The specified key does not exist.")
    if call.op == "ListLegalHolds":
        if not record.protection:
            # ledger: LH-07
            raise LegalHoldError("NoSuchObjectLockConfiguration", 404,
                                 "The object has no retention period.")
        return _listing(record, call.key, stored)
    # ledger: LH-02
    if not record.protection:
        raise LegalHoldError("InvalidRequest", 400,
                             "Legal holds need a bucket with a retention policy.")
    holds = record.legal_holds.setdefault(call.key, {})
    if call.op == "AddLegalHold":
        hold_id = call.query.get("add") or ""
        if not HOLD_ID.match(hold_id):
            raise LegalHoldError("InvalidArgument", 400,
                                 "A legal hold ID is 1-64 letters, digits and !_.*()'- characters.")
        if hold_id in holds:
            # ledger: LH-06
            raise LegalHoldError("LegalHoldAlreadyExists", 409,
                                 f"The legal hold {hold_id!r} is already on the object.")
        # ledger: LH-04
        if hold_id not in holds and len(holds) >= MAX_HOLDS:
            raise LegalHoldError("InvalidRequest", 400, f"An object can have at most {MAX_HOLDS} legal holds.")
        holds[hold_id] = utc_now()
    else:
        hold_id = call.query.get("remove") or ""
        # ledger: LH-03
        if hold_id not in holds:
            raise LegalHoldError("InvalidArgument", 400, f"The object has no legal hold {hold_id!r}.")
        del holds[hold_id]
    return Response(b"", status=200)


def _listing(record, key, stored):
    holds = record.legal_holds.get(key, {})
    items = "".join(
        f"<LegalHold><ID>{escape(hold_id)}</ID><Date>{_iso(created)}</Date></LegalHold>"
        for hold_id, created in sorted(holds.items())
    )
    created = stored.last_modified
    if created.tzinfo is None:
        created = created.replace(tzinfo=datetime.timezone.utc)
    fields = f"<CreateTime>{_iso(created)}</CreateTime><LegalHolds>{items}</LegalHolds>"
    if record.protection:
        until = retention_expiry(record, key, stored)
        period = max(0, int((until - created).total_seconds()))
        fields += (f"<RetentionPeriod>{period}</RetentionPeriod>"
                   f"<RetentionPeriodExpirationDate>{_iso(until)}</RetentionPeriodExpirationDate>")
    body = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<RetentionState>{fields}</RetentionState>'
    return Response(body, content_type="application/xml")
