"""Objects in a bucket with a retention policy: no delete or overwrite before the bucket's default
retention period has passed since the object was written, nor while it has a legal hold."""

import datetime
import xml.etree.ElementTree as ElementTree

from . import moto_store
from .wsgi_util import read_body

OVERWRITES = {"PutObject", "CopyObject", "CompleteMultipartUpload"}


class RetentionError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.code, self.status, self.message = "AccessDenied", 403, message


def retention_until(record, stored_object):
    days = record.protection["DefaultRetention"]
    written = stored_object.last_modified
    if written.tzinfo is None:
        written = written.replace(tzinfo=datetime.timezone.utc)
    return written + datetime.timedelta(days=days)


def is_protected(record, key):
    if record.legal_holds.get(key):
        return True
    if not record.protection:
        return False
    stored = moto_store.current_object(record.name, key)
    return bool(stored) and retention_until(record, stored) > datetime.datetime.now(datetime.timezone.utc)


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


def check_retention(call, record):
    if not record.protection and not record.legal_holds:
        return
    if call.op == "DeleteObject" or (call.op in OVERWRITES and call.key):
        if is_protected(record, call.key):
            raise RetentionError(f"Object {call.key!r} is protected by retention or a legal hold.")
    elif call.op == "DeleteObjects":
        # Simpler than COS's per-key answer: the whole batch is refused.
        protected = [key for key in _keys_to_delete(read_body(call.request.environ))
                     if is_protected(record, key)]
        if protected:
            raise RetentionError(f"Objects {protected[:5]!r} are protected by retention or a legal hold.")
