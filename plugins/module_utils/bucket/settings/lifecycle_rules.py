# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""lifecycle_rules: expiration, archive transition, noncurrent expiry, multipart clean-up; [] removes.

Rules are identified by `id` (required, so COS never invents one that would differ every run) and
compared sorted by it: lifecycle rules do not depend on their order. A rule's filter (prefix, tags,
object sizes) is kept flat; `And` is how the wire says "more than one of them", so it is built on
write and taken apart on read, and no spelling of the same filter differs from another.
"""
from __future__ import annotations

import datetime
import re

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from ._base import SettingError, WholeSetting
from ._filters import SIZES, check_rule_set, filter_from_api, filter_to_api, normalize_filter

ORDER = 70
TRANSITION_STORAGE_CLASSES = ("GLACIER", "ACCELERATED")
# COS documents days as "greater than 0" and no maximum; the S3 model's Days is a 32-bit integer,
# so a larger number cannot be a real intent (and used to be written as is).
MAX_DAYS = 2 ** 31 - 1
OPTIONS = {"lifecycle_rules": {"type": "list", "elements": "dict", "options": {
    "id": {"type": "str", "required": True},
    "enabled": {"type": "bool", "default": True},
    "prefix": {"type": "str", "default": ""},
    "tags": {"type": "dict"},
    "object_size_greater_than": {"type": "int"},
    "object_size_less_than": {"type": "int"},
    "expiration_days": {"type": "int"},
    "expiration_date": {"type": "str"},
    "expired_object_delete_marker": {"type": "bool"},
    "transition_days": {"type": "int"},
    "transition_date": {"type": "str"},
    "transition_storage_class": {"type": "str", "choices": list(TRANSITION_STORAGE_CLASSES)},
    "noncurrent_version_expiration_days": {"type": "int"},
    "abort_incomplete_multipart_upload_days": {"type": "int"},
}}}


_DAYS = ("expiration_days", "transition_days", "noncurrent_version_expiration_days",
         "abort_incomplete_multipart_upload_days")


def normalize_date(value, option):
    """COS lifecycle dates are midnight UTC: keep the day only, as YYYY-MM-DD."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    match = re.match(r"^(\d{4}-\d{2}-\d{2})(T00:00(:00(\.0+)?)?(Z|[+-]00:?00)?)?$", str(value).strip())
    if not match:
        raise SettingError(f"lifecycle_rules: {option} {value!r} must be a date like 2030-01-31 "
                           "(COS applies it at midnight UTC)")
    try:
        datetime.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise SettingError(f"lifecycle_rules: {option} {value!r} is not a valid date ({exc})") from None
    return match.group(1)


def normalize_lifecycle_rule(rule):
    rule_id = str(rule.get("id") or "")
    if not rule_id:
        raise SettingError("lifecycle_rules: every rule needs an id")
    normal = {"id": rule_id, "enabled": rule.get("enabled", True) is not False}
    normal.update(normalize_filter("lifecycle_rules", rule, sizes=True))
    for key in _DAYS:
        if rule.get(key) is not None:
            lowest = 0 if key == "transition_days" else 1
            if not lowest <= int(rule[key]) <= MAX_DAYS:
                raise SettingError(f"lifecycle_rules: {key} in rule {rule_id!r} is {rule[key]}; it must be a "
                                   f"positive number of days, at most {MAX_DAYS}"
                                   + (" (0 is allowed)" if lowest == 0 else ""))
            normal[key] = int(rule[key])
    for key in ("expiration_date", "transition_date"):
        if rule.get(key):
            normal[key] = normalize_date(rule[key], key)
    if rule.get("expired_object_delete_marker"):
        normal["expired_object_delete_marker"] = True
    expirations = [k for k in ("expiration_days", "expiration_date", "expired_object_delete_marker") if k in normal]
    if len(expirations) > 1:
        raise SettingError(f"lifecycle_rules: rule {rule_id!r} sets {' and '.join(expirations)}; use one")
    if "transition_days" in normal and "transition_date" in normal:
        raise SettingError(f"lifecycle_rules: rule {rule_id!r} sets transition_days and transition_date; use one")
    if "transition_days" in normal or "transition_date" in normal:
        normal["transition_storage_class"] = (rule.get("transition_storage_class") or "GLACIER").upper()
    elif rule.get("transition_storage_class"):
        raise SettingError(f"lifecycle_rules: rule {rule_id!r} sets transition_storage_class without "
                           "transition_days or transition_date")
    actions = set(normal) - {"id", "enabled", "prefix", "tags", *SIZES}
    if not actions:
        raise SettingError(f"lifecycle_rules: rule {rule_id!r} has no action; set an expiration, a "
                           "transition, noncurrent_version_expiration_days or abort_incomplete_multipart_upload_days")
    return normal


def normalize_lifecycle(rules):
    normal = sorted((normalize_lifecycle_rule(r) for r in rules or []), key=lambda r: r["id"])
    check_rule_set("lifecycle_rules", normal)
    transitions = [r for r in normal if "transition_storage_class" in r]
    if len(transitions) > 1:
        raise SettingError("lifecycle_rules: COS allows one transition (archive) rule per bucket; rules %s "
                           "both transition" % ", ".join(repr(r["id"]) for r in transitions))
    if transitions and (transitions[0]["prefix"] or set(transitions[0]) & {"tags", *SIZES}):
        raise SettingError(f"lifecycle_rules: the transition rule {transitions[0]['id']!r} must have an "
                           "empty prefix and no tags or size filters; COS archives whole buckets")
    return normal


def _midnight(day):
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(), datetime.timezone.utc)


def lifecycle_rule_to_api(rule):
    api = {"ID": rule["id"], "Status": "Enabled" if rule["enabled"] else "Disabled",
           "Filter": filter_to_api(rule)}
    expiration = {}
    if "expiration_days" in rule:
        expiration["Days"] = rule["expiration_days"]
    if "expiration_date" in rule:
        expiration["Date"] = _midnight(rule["expiration_date"])
    if rule.get("expired_object_delete_marker"):
        expiration["ExpiredObjectDeleteMarker"] = True
    if expiration:
        api["Expiration"] = expiration
    if "transition_storage_class" in rule:
        transition = {"StorageClass": rule["transition_storage_class"]}
        if "transition_days" in rule:
            transition["Days"] = rule["transition_days"]
        else:
            transition["Date"] = _midnight(rule["transition_date"])
        api["Transitions"] = [transition]
    if "noncurrent_version_expiration_days" in rule:
        api["NoncurrentVersionExpiration"] = {"NoncurrentDays": rule["noncurrent_version_expiration_days"]}
    if "abort_incomplete_multipart_upload_days" in rule:
        api["AbortIncompleteMultipartUpload"] = {
            "DaysAfterInitiation": rule["abort_incomplete_multipart_upload_days"]}
    return api


def lifecycle_rule_from_api(api):
    expiration = api.get("Expiration") or {}
    transition = (api.get("Transitions") or [{}])[0] or api.get("Transition") or {}
    return normalize_lifecycle_rule({
        "id": api.get("ID") or "(no id)",
        "enabled": str(api.get("Status")).lower() == "enabled",
        **filter_from_api(api),
        "expiration_days": expiration.get("Days"),
        "expiration_date": expiration.get("Date"),
        "expired_object_delete_marker": expiration.get("ExpiredObjectDeleteMarker"),
        "transition_days": transition.get("Days"),
        "transition_date": transition.get("Date"),
        "transition_storage_class": transition.get("StorageClass"),
        "noncurrent_version_expiration_days": (api.get("NoncurrentVersionExpiration") or {}).get("NoncurrentDays"),
        "abort_incomplete_multipart_upload_days":
            (api.get("AbortIncompleteMultipartUpload") or {}).get("DaysAfterInitiation"),
    })


class LifecycleSetting(WholeSetting):
    name = "lifecycle_rules"
    absent = []
    put, delete = "put_bucket_lifecycle_configuration", "delete_bucket_lifecycle"

    def normalize(self, value):
        return normalize_lifecycle(value)

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_bucket_lifecycle_configuration(Bucket=ctx.bucket),
                                   {"NoSuchLifecycleConfiguration"}, {"Rules": []})
        return sorted((lifecycle_rule_from_api(r) for r in response.get("Rules", [])), key=lambda r: r["id"])

    def put_arguments(self, desired):
        return {"LifecycleConfiguration": {"Rules": [lifecycle_rule_to_api(rule) for rule in desired]}}


SETTING = LifecycleSetting
