# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cors_rules: cross-origin rules; [] removes the CORS configuration.

What the task gives is what is written (header names keep their case, lists their order); rules
are compared in a normal form instead: rule order kept (COS applies the first rule that matches),
but inside a rule the lists are sets, methods uppercase, header names lowercase (HTTP header names
are case-insensitive).

At most 100 rules: IBM documents no limit (api-reference-buckets.md "Create a cross-origin resource
sharing configuration" has none); 100 is S3's limit, an assumption here.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from ._base import SettingError, WholeSetting

ORDER = 80
OPTIONS = {"cors_rules": {"type": "list", "elements": "dict", "options": {
    "id": {"type": "str"},
    "allowed_origins": {"type": "list", "elements": "str", "required": True},
    "allowed_methods": {"type": "list", "elements": "str", "required": True},
    "allowed_headers": {"type": "list", "elements": "str", "default": []},
    "expose_headers": {"type": "list", "elements": "str", "default": []},
    "max_age_seconds": {"type": "int"},
}}}


METHODS = ("GET", "PUT", "POST", "DELETE", "HEAD")
MAX_RULES = 100


def _set(values, transform=str):
    return sorted({transform(v) for v in values or []})


def _given(values):
    """The list as given, as strings, without repeats."""
    return list(dict.fromkeys(str(v) for v in values or []))


def normalize_cors_rule(rule):
    """The rule as it is written: the task's lists and case, methods uppercase."""
    methods = _given(str(m).upper() for m in rule.get("allowed_methods") or [])
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise SettingError("cors_rules: unsupported method(s) %s; allowed: %s"
                           % (", ".join(unknown), ", ".join(METHODS)))
    if not rule.get("allowed_origins"):
        raise SettingError("cors_rules: every rule needs at least one allowed_origins entry")
    normal = {
        "allowed_origins": _given(rule.get("allowed_origins")),
        "allowed_methods": methods,
        "allowed_headers": _given(rule.get("allowed_headers")),
        "expose_headers": _given(rule.get("expose_headers")),
    }
    if rule.get("id"):
        normal["id"] = str(rule["id"])
    if rule.get("max_age_seconds") is not None:
        if int(rule["max_age_seconds"]) < 0:
            raise SettingError("cors_rules: max_age_seconds cannot be negative")
        normal["max_age_seconds"] = int(rule["max_age_seconds"])
    return normal


def comparable_cors_rule(rule):
    """The rule as COS means it: lists as sets, header names lowercase."""
    return dict(rule, allowed_origins=_set(rule["allowed_origins"]), allowed_methods=_set(rule["allowed_methods"]),
                allowed_headers=_set(rule["allowed_headers"], lambda h: str(h).lower()),
                expose_headers=_set(rule["expose_headers"], lambda h: str(h).lower()))


def cors_rule_to_api(rule):
    api = {"AllowedOrigins": rule["allowed_origins"], "AllowedMethods": rule["allowed_methods"]}
    if rule["allowed_headers"]:
        api["AllowedHeaders"] = rule["allowed_headers"]
    if rule["expose_headers"]:
        api["ExposeHeaders"] = rule["expose_headers"]
    if "id" in rule:
        api["ID"] = rule["id"]
    if "max_age_seconds" in rule:
        api["MaxAgeSeconds"] = rule["max_age_seconds"]
    return api


def cors_rule_from_api(rule):
    return normalize_cors_rule({
        "id": rule.get("ID"),
        "allowed_origins": rule.get("AllowedOrigins"),
        "allowed_methods": rule.get("AllowedMethods"),
        "allowed_headers": rule.get("AllowedHeaders"),
        "expose_headers": rule.get("ExposeHeaders"),
        "max_age_seconds": rule.get("MaxAgeSeconds"),
    })


class CorsSetting(WholeSetting):
    name = "cors_rules"
    absent = []
    put, delete = "put_bucket_cors", "delete_bucket_cors"

    def normalize(self, value):
        if len(value or []) > MAX_RULES:
            raise SettingError(f"cors_rules: {len(value)} rules; at most {MAX_RULES} are allowed per bucket")
        return [normalize_cors_rule(rule) for rule in value or []]

    def equal(self, current, desired):
        return [comparable_cors_rule(r) for r in current] == [comparable_cors_rule(r) for r in desired]

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_bucket_cors(Bucket=ctx.bucket),
                                   {"NoSuchCORSConfiguration"}, {"CORSRules": []})
        return [cors_rule_from_api(rule) for rule in response.get("CORSRules", [])]

    def put_arguments(self, desired):
        return {"CORSConfiguration": {"CORSRules": [cors_rule_to_api(rule) for rule in desired]}}


SETTING = CorsSetting
