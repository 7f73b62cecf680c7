# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Object attributes: headers, user metadata, tags, retention, legal hold (pure).

An option the task leaves unset is not managed: its current value is kept, also when the
content is replaced (a plain PutObject would drop it).
"""
from __future__ import annotations

import datetime
import mimetypes

from ansible_collections.ibm.cos.plugins.module_utils._tags import merged_tags, tags_as_strings

# module option -> HeadObject / PutObject member
HEADER_OPTIONS = {
    "content_type": "ContentType",
    "cache_control": "CacheControl",
    "content_disposition": "ContentDisposition",
    "content_encoding": "ContentEncoding",
    "content_language": "ContentLanguage",
}
DEFAULT_CONTENT_TYPE = "binary/octet-stream"


def guess_content_type(name):
    """Content type from a file or key name; None when the name says nothing."""
    return mimetypes.guess_type(name, strict=False)[0]


def normalize_metadata(metadata):
    """COS stores metadata keys lowercased and values as strings."""
    if metadata is None:
        return None
    return {str(k).lower(): "" if v is None else str(v) for k, v in metadata.items()}


def desired_headers(params):
    """{PutObject member: value} for the header options the task sets."""
    return {api: params[opt] for opt, api in HEADER_OPTIONS.items() if params.get(opt) is not None}


def current_headers(head):
    """{PutObject member: value} as HeadObject reports them (absent ones left out)."""
    return {api: head[api] for api in HEADER_OPTIONS.values() if head.get(api)}


def header_changes(desired, head):
    """The desired headers whose value differs from the object's."""
    return {api: value for api, value in desired.items() if (head or {}).get(api) != value}


def metadata_differs(desired_metadata, head):
    return desired_metadata is not None and desired_metadata != normalize_metadata((head or {}).get("Metadata", {}))


def desired_tags(tags, purge, current):
    """The tag set the object should end with; None when tags are not managed."""
    if tags is None:
        return None
    return merged_tags(tags_as_strings(tags), current, purge)


def upload_args(params, head, name_for_type):
    """ExtraArgs for a (re)upload: current attributes carried over, the task's applied on top."""
    args = current_headers(head) if head else {}
    args.update(desired_headers(params))
    if "ContentType" not in args:
        args["ContentType"] = guess_content_type(name_for_type) or DEFAULT_CONTENT_TYPE
    metadata = normalize_metadata(params.get("metadata"))
    if metadata is None and head:
        metadata = normalize_metadata(head.get("Metadata") or {})
    if metadata:
        args["Metadata"] = metadata
    return args


def replace_args(params, head):
    """Arguments for an in-place CopyObject that rewrites headers and metadata only."""
    args = current_headers(head)
    args.update(desired_headers(params))
    metadata = normalize_metadata(params.get("metadata"))
    args["Metadata"] = metadata if metadata is not None else normalize_metadata(head.get("Metadata") or {})
    args["MetadataDirective"] = "REPLACE"
    return args


def attribute_view(head, tags):
    """What diff mode shows for an object: its headers, metadata and tags."""
    if head is None:
        return {}
    view = {opt: head[api] for opt, api in HEADER_OPTIONS.items() if head.get(api)}
    view["metadata"] = normalize_metadata(head.get("Metadata") or {})
    if tags is not None:
        view["tags"] = dict(tags)
    view["size"] = head.get("ContentLength")
    view["etag"] = (head.get("ETag") or "").strip('"')
    return view


def retention_change(desired, current):
    """Compare a requested Object Lock retention with the object's.

    ``desired`` is ``{"mode": "GOVERNANCE"|"COMPLIANCE", "retain_until": datetime}``, ``current``
    the GetObjectRetention ``Retention`` dict or None. Returns ``(retention_to_put, error)``.
    """
    if not desired:
        return None, None
    mode, until = desired["mode"].upper(), parse_instant(desired["retain_until"])
    if until is None:
        return None, "retention.retain_until must be an ISO 8601 date or time, got %r" % desired["retain_until"]
    if current:
        same_mode = current.get("Mode") == mode
        current_until = current.get("RetainUntilDate")
        if same_mode and current_until is not None and _same_instant(current_until, until):
            return None, None
        if current.get("Mode") == "COMPLIANCE" and current_until is not None and \
                (mode != "COMPLIANCE" or until < current_until):
            return None, ("object is under COMPLIANCE retention until %s: it can only be extended"
                          % current_until.isoformat())
    return {"Mode": mode, "RetainUntilDate": until}, None


def parse_instant(value):
    """``2030-01-01`` / ``2030-01-01T10:00:00Z`` / a datetime -> an aware UTC datetime, or None."""
    if isinstance(value, datetime.datetime):
        parsed = value
    else:
        text = str(value).strip().replace("Z", "+00:00").replace("z", "+00:00")
        try:
            parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    try:
        return parsed.astimezone(datetime.timezone.utc)
    except OverflowError:  # an offset that moves 0001-01-01 or 9999-12-31 out of range
        return None


def _same_instant(left, right):
    return abs((left - right).total_seconds()) < 1


def legal_hold_change(desired, current_status):
    """Returns "ON"/"OFF" to write, or None when the hold already matches (or is unmanaged)."""
    if desired is None:
        return None
    wanted = "ON" if desired else "OFF"
    return None if (current_status or "OFF") == wanted else wanted


def legal_hold_id_changes(wanted, current, purge):
    """(ids to add, ids to remove), both sorted; holds not named stay unless ``purge``."""
    wanted = set(wanted or [])
    return sorted(wanted - set(current)), sorted(set(current) - wanted) if purge else []
