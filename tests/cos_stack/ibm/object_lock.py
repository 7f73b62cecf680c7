"""Object Lock as COS documents it, where moto differs: the bucket configuration (versioning
first, one rule, `Enabled` in either spelling IBM's pages use), object retention (a retain-until
date in the future, shortened only in GOVERNANCE mode with the bypass header), and
GetObjectRetention, which moto answers with the object's body."""

import datetime
import io
import xml.etree.ElementTree as ElementTree
from xml.sax.saxutils import escape

from werkzeug.wrappers import Response

from ..store import moto_store
from ..web.replies import S3Refusal
from ..web.wsgi_util import read_body

NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
# ledger: OL-03
ENABLED_SPELLINGS = ("Enabled", "ENABLED")  # object-lock.md and api-reference-buckets.md differ


def _local(element):
    return element.tag.rsplit("}", 1)[-1]


def _find(root, *path):
    element = root
    for name in path:
        element = next((child for child in element if _local(child) == name), None)
        if element is None:
            return None
    return element


def _parse(body):
    try:
        return ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise S3Refusal("MalformedXML", 400, "The XML you provided was not well-formed.") from None


def check_lock_configuration(call, record):
    """PutObjectLockConfiguration: refuse what COS refuses; pass on the rest in moto's spelling."""
    environ = call.request.environ
    body = read_body(environ)
    root = _parse(body)
    enabled = _find(root, "ObjectLockEnabled")
    if enabled is None or (enabled.text or "").strip() not in ENABLED_SPELLINGS:
        raise S3Refusal("MalformedXML", 400, "ObjectLockEnabled must be Enabled.")
    if _find(root, "Rule") is None:
        # ledger: OL-02
        raise S3Refusal("InvalidRequest", 400, "An Object Lock configuration must include one rule.")
    if not moto_store.versioning_enabled(record.name):
        # ledger: OL-01
        raise S3Refusal("InvalidBucketState", 409,
                        "Versioning must be enabled on the bucket before Object Lock.")
    if enabled.text.strip() != "Enabled":  # moto knows only object-lock.md's spelling
        rewritten = body.replace(b">ENABLED<", b">Enabled<")
        environ["wsgi.input"] = io.BytesIO(rewritten)
        environ["CONTENT_LENGTH"] = str(len(rewritten))


def _parse_date(text):
    try:
        moment = datetime.datetime.fromisoformat((text or "").strip().replace("Z", "+00:00"))
    except ValueError:
        raise S3Refusal("InvalidArgument", 400, f"RetainUntilDate {text!r} is not a date.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _stored(call, record):
    version_id = call.query.get("versionId")
    bucket = moto_store.find_bucket(record.name)
    if version_id and bucket is not None:
        for key in bucket.keys.getlist(call.key, []):
            if getattr(key, "version_id", None) == version_id:
                return key
        return None
    return moto_store.current_object(record.name, call.key)


def check_object_retention(call, record):
    """PutObjectRetention: in the future, and never shortened unless GOVERNANCE + bypass."""
    root = _parse(read_body(call.request.environ))
    mode = (getattr(_find(root, "Mode"), "text", "") or "").strip()
    until = _parse_date(getattr(_find(root, "RetainUntilDate"), "text", ""))
    if until <= datetime.datetime.now(datetime.timezone.utc):
        # ledger: OL-04
        raise S3Refusal("InvalidArgument", 400, "The retain until date must be in the future.")
    stored = _stored(call, record)
    if stored is None or not stored.lock_until:
        return
    current = _parse_date(stored.lock_until)
    bypass = call.request.headers.get("x-amz-bypass-governance-retention", "").lower() == "true"
    weaker = until < current or (stored.lock_mode == "COMPLIANCE" and mode != "COMPLIANCE")
    if current > datetime.datetime.now(datetime.timezone.utc) and weaker:
        # ledger: OL-05
        if stored.lock_mode != "GOVERNANCE" or not bypass:
            raise S3Refusal("AccessDenied", 403,
                            "Retention can be shortened only in GOVERNANCE mode, with "
                            "x-amz-bypass-governance-retention: true.")


# ledger: OL-06
def object_retention_xml(call, record):
    """GetObjectRetention, answered here: moto returns the object instead."""
    stored = _stored(call, record)
    if stored is None:
        raise S3Refusal("NoSuchKey", 404, "The specified key does not exist.")
    if not stored.lock_mode:
        raise S3Refusal("NoSuchObjectLockConfiguration", 404,
                        "The specified object does not have a ObjectLock configuration.")
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Retention xmlns="{NAMESPACE}">'
            f"<Mode>{escape(stored.lock_mode)}</Mode>"
            f"<RetainUntilDate>{escape(str(stored.lock_until))}</RetainUntilDate></Retention>")
    return Response(body, content_type="application/xml")
