# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_object values COS would refuse, refused before any call with the option named (pure).

Limits, from IBM's docs (ibm-cloud-docs/cloud-object-storage):
- object key: at most 1024 bytes of UTF-8, not empty (S3 API, as COS implements it; docs are silent
  on bytes against characters, so the stricter byte count is checked).
- object tags (object-tagging.md): at most 10; key 1-128 characters, value 0-256; characters
  letters, digits, space and ``+ - = . _ : / @``; keys starting ``ibm:`` are reserved.
- legal hold IDs (immutable.md "Add or remove a legal hold to or from an object"): 1-64 characters
  of letters, digits and ``! _ . * ( ) - '``.
- user metadata travels as ``x-amz-meta-*`` HTTP headers (common-headers-errors.md "Custom
  metadata"): ASCII only, and no header value may hold CR or LF.
- Object Lock retain-until date (api-reference-objects.md "Upload an object"): in the future.
"""
from __future__ import annotations

import base64
import binascii
import datetime
import re

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils._lock_mode import normalize_lock_mode
from ansible_collections.ibm.cos.plugins.module_utils._tags import tags_as_strings
from ansible_collections.ibm.cos.plugins.module_utils.objects.attributes import HEADER_OPTIONS, parse_instant

MAX_KEY_BYTES = 1024
MAX_TAGS = 10
MAX_TAG_KEY, MAX_TAG_VALUE = 128, 256
METADATA_KEY = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # an HTTP header name's characters (RFC 9110 token)
TAG_CHARACTERS = re.compile(r"^[A-Za-z0-9 +\-=._:/@]*$")
LEGAL_HOLD_ID = re.compile(r"^[A-Za-z0-9!_.*()'\-]{1,64}$")
ALLOWED_TAG_TEXT = "letters, digits, spaces and + - = . _ : / @"


def input_error(params, settings=None, now=None):
    """The first problem with the task's values, or None."""
    for check in (_key_error, _content_error, _header_error, _metadata_error, _tags_error,
                  _legal_hold_error, _retention_error, _redirect_error):
        error = check(params, now) if check is _retention_error else check(params)
        if error:
            return error
    return _presign_error(params, settings)


def _key_error(params):
    for option, key in (("key", params["key"]), ("copy_source.key", (params.get("copy_source") or {}).get("key"))):
        if key is None:
            continue
        if key == "" and not (option == "key" and (params.get("copy_source") or {}).get("prefix") is not None):
            return "%s must not be empty" % option
        if len(key.encode("utf-8")) > MAX_KEY_BYTES:
            return "%s is %d bytes of UTF-8; COS allows at most %d" % (option, len(key.encode("utf-8")), MAX_KEY_BYTES)
    return None


def _content_error(params):
    if params.get("content_base64") is None:
        return None
    try:
        base64.b64decode(params["content_base64"], validate=True)
    except (binascii.Error, ValueError) as exc:
        return "content_base64 is not valid base64 (standard alphabet, padded): %s" % exc
    return None


def _has_line_break(text):
    return "\r" in text or "\n" in text


def _header_error(params):
    for option in HEADER_OPTIONS:
        value = params.get(option)
        if value is not None and _has_line_break(value):
            return "%s must not contain CR or LF: it is sent as an HTTP header" % option
        if value is not None and not value.isascii():
            return "%s must be ASCII: it is sent as an HTTP header" % option
    return None


def _metadata_error(params):
    for key, value in (params.get("metadata") or {}).items():
        text = "" if value is None else str(value)
        if not str(key) or not str(key).isascii() or not text.isascii():
            return ("metadata %r: keys and values must be ASCII (and keys not empty): COS sends them as "
                    "x-amz-meta-* HTTP headers" % key)
        if _has_line_break(text) or not METADATA_KEY.match(str(key)):
            return ("metadata %r: keys may hold letters, digits and !#$%%&'*+-.^_`|~ only, and values no CR "
                    "or LF: COS sends them as x-amz-meta-* HTTP headers" % key)
    return None


def tag_error(tags, option="tags"):
    """A message for an object tag set COS refuses, or None."""
    tags = tags_as_strings(tags)
    if len(tags) > MAX_TAGS:
        return "%s: an object takes at most %d tags, got %d" % (option, MAX_TAGS, len(tags))
    for key, value in tags.items():
        if not 1 <= len(key) <= MAX_TAG_KEY:
            return "%s: tag key %r must be 1-%d characters" % (option, key, MAX_TAG_KEY)
        if len(value) > MAX_TAG_VALUE:
            return "%s: the value of tag %r must be at most %d characters" % (option, key, MAX_TAG_VALUE)
        if not TAG_CHARACTERS.match(key) or not TAG_CHARACTERS.match(value):
            return "%s: tag %r may hold %s only" % (option, key, ALLOWED_TAG_TEXT)
        if key.lower().startswith("ibm:"):
            return "%s: tag key %r uses the prefix ibm:, which COS reserves" % (option, key)
    return None


def _tags_error(params):
    return tag_error(params["tags"]) if params.get("tags") is not None else None


def _legal_hold_error(params):
    for hold_id in params.get("legal_hold_ids") or []:
        if not LEGAL_HOLD_ID.match(hold_id or ""):
            return ("legal_hold_ids: %r must be 1-64 characters of letters, digits and ! _ . * ( ) - '"
                    % hold_id)
    return None


def _retention_error(params, now=None):
    retention = params.get("retention")
    if not retention:
        return None
    try:
        normalize_lock_mode(retention["mode"], "retention.mode")
    except CosError as exc:
        return str(exc)
    until = parse_instant(retention["retain_until"])
    if until is None:
        return "retention.retain_until must be an ISO 8601 date or time, got %r" % retention["retain_until"]
    now = now or datetime.datetime.now(datetime.timezone.utc)
    if until <= now:
        return "retention.retain_until must be in the future (COS refuses a past date), got %s" % until.isoformat()
    return None


def _redirect_error(params):
    location = params.get("website_redirect_location")
    if location is not None and not (location.startswith("/") or re.match(r"^https?://", location)):
        return "website_redirect_location must start with /, http:// or https://, got %r" % location
    return None


def _presign_error(params, settings):
    if not params.get("presign") or settings is None:
        return None
    values = settings if isinstance(settings, dict) else settings.values
    if values.get("hmac_access_key_id") and values.get("hmac_secret_access_key"):
        return None
    return ("presign needs HMAC keys: set hmac_access_key_id and hmac_secret_access_key (or "
            "IBM_COS_HMAC_ACCESS_KEY_ID / IBM_COS_HMAC_SECRET_ACCESS_KEY, or cos_hmac_keys in "
            "credentials_file). An IAM API key or token cannot sign a URL.")
