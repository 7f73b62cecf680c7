# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_object_info: listings (objects or versions, paged) and HeadObject details for named keys."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel
from ansible_collections.ibm.cos.plugins.module_utils.objects import object_io as io_
from ansible_collections.ibm.cos.plugins.module_utils.objects.attributes import HEADER_OPTIONS


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _etag(value):
    return (value or "").strip('"')


def object_entry(item):
    return {"key": item["Key"], "size": item.get("Size"), "etag": _etag(item.get("ETag")),
            "last_modified": _iso(item.get("LastModified")), "storage_class": item.get("StorageClass")}


def version_entry(item, marker=False):
    entry = {"key": item["Key"], "version_id": item.get("VersionId"), "is_latest": item.get("IsLatest"),
             "last_modified": _iso(item.get("LastModified"))}
    if not marker:
        entry.update(size=item.get("Size"), etag=_etag(item.get("ETag")))
    return entry


def detail_entry(key, head, tags):
    if head is None:
        return {"key": key, "exists": False}
    entry = {"key": key, "exists": not head.get("DeleteMarker"), "size": head.get("ContentLength"),
             "etag": _etag(head.get("ETag")), "last_modified": _iso(head.get("LastModified")),
             "version_id": head.get("VersionId"), "metadata": head.get("Metadata", {}),
             "parts_count": head.get("PartsCount"),
             "retention_mode": head.get("ObjectLockMode"),
             "retain_until": _iso(head.get("ObjectLockRetainUntilDate")),
             "legal_hold": head.get("ObjectLockLegalHoldStatus")}
    entry.update({opt: head.get(api) for opt, api in HEADER_OPTIONS.items()})
    if tags is not None:
        entry["tags"] = tags
    return entry


class InfoTask:
    """What a bucket holds. `conn` is the CosConnection."""

    def __init__(self, conn, params):
        self.conn = conn
        self.p = params

    @property
    def s3(self):
        return self.conn.s3

    def run(self):
        """The listing or the named keys' details; the result dict for exit_json."""
        bucket = self.p["bucket"]
        if self.p["keys"]:
            result = {"objects": self.details(bucket)}
        elif self.p["versions"]:
            result = self.list_versions(bucket)
        else:
            result = self.list_objects(bucket)
        return dict(changed=False, bucket=bucket, **result)

    def details(self, bucket):
        keys, with_tags, version_id = self.p["keys"], self.p["tags"], self.p["version_id"]

        def read(key):
            head = io_.head_object(self.s3, bucket, key, version_id)
            tags = io_.object_tags(self.s3, bucket, key, version_id) if with_tags and head else None
            return detail_entry(key, head, tags)

        found = run_parallel({i: (lambda k=k: read(k)) for i, k in enumerate(keys)})
        return [found[i] for i in range(len(keys))]

    def list_objects(self, bucket):
        objects, prefixes, token = io_.list_objects(
            self.s3, bucket, self.p["prefix"], self.p["delimiter"], self.p["max_keys"],
            self.p["continuation_token"], self.p["start_after"])
        return {"objects": [object_entry(o) for o in objects], "common_prefixes": prefixes,
                "is_truncated": token is not None, "next_continuation_token": token}

    def list_versions(self, bucket):
        marker = self.p["continuation_token"]
        # The token is "<key marker>\n<version id marker>"; keys may hold "\n", version IDs do not.
        key_marker, _sep, version_marker = (marker or "").rpartition("\n")
        versions, markers, prefixes, nxt = io_.list_versions(
            self.s3, bucket, self.p["prefix"], self.p["delimiter"], self.p["max_keys"],
            key_marker or None, version_marker or None)
        token = None
        if nxt:
            token = "%s\n%s" % (nxt["key_marker"] or "", nxt["version_id_marker"] or "")
        return {"versions": [version_entry(v) for v in versions],
                "delete_markers": [version_entry(m, marker=True) for m in markers],
                "common_prefixes": prefixes, "is_truncated": token is not None,
                "next_continuation_token": token}
