"""Objects in a bucket with a retention policy: no delete or overwrite before their retention
(the bucket's default, or what the write asked for) has passed, nor while they have a legal hold."""

import datetime
import xml.etree.ElementTree as ElementTree

from ..store import moto_store
from .object_retention import retention_expiry
from ..web.replies import S3Refusal
from ..web.wsgi_util import read_body

OVERWRITES = {"PutObject", "CopyObject", "CompleteMultipartUpload"}


class RetentionError(S3Refusal):
    def __init__(self, message):
        super().__init__("AccessDenied", 403, message)


def is_protected(record, key):
    if record.legal_holds.get(key):
        return True
    if not record.protection:
        return False
    stored = moto_store.current_object(record.name, key)
    return bool(stored) and retention_expiry(record, key, stored) > datetime.datetime.now(datetime.timezone.utc)


def _keys_to_delete(body):
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return []
    return [
        (element.text or "")
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] == "Key"
    ]


# ledger: RET-01
def check_retention(call, record):
    if not record.protection and not record.legal_holds:
        return
    if call.op == "DeleteObject" or (call.op in OVERWRITES and call.key):
        if is_protected(record, call.key):
            raise RetentionError(f"Object {call.key!r} is protected by retention or a legal hold.")
    elif call.op == "DeleteObjects":
        # ledger: RET-02
        # Simpler than COS's per-key answer: the whole batch is refused.
        protected = [key for key in _keys_to_delete(read_body(call.request.environ))
                     if is_protected(record, key)]
        if protected:
            raise RetentionError(f"Objects {protected[:5]!r} are protected by retention or a legal hold.")
