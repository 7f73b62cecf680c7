# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cors_rules: cross-origin rules; [] removes the CORS configuration.

Rule order is kept (COS applies the first rule that matches), but inside a rule the lists are
sets: methods are uppercased, header names lowercased, everything sorted and de-duplicated.
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


def _set(values, transform=str):
    return sorted({transform(v) for v in values or []})


def normalize_cors_rule(rule):
    methods = _set(rule.get("allowed_methods"), lambda m: str(m).upper())
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise SettingError("cors_rules: unsupported method(s) %s; allowed: %s"
                           % (", ".join(unknown), ", ".join(METHODS)))
    if not rule.get("allowed_origins"):
        raise SettingError("cors_rules: every rule needs at least one allowed_origins entry")
    normal = {
        "allowed_origins": _set(rule.get("allowed_origins")),
        "allowed_methods": methods,
        "allowed_headers": _set(rule.get("allowed_headers"), lambda h: str(h).lower()),
        "expose_headers": _set(rule.get("expose_headers"), lambda h: str(h).lower()),
    }
    if rule.get("id"):
        normal["id"] = str(rule["id"])
    if rule.get("max_age_seconds") is not None:
        if int(rule["max_age_seconds"]) < 0:
            raise SettingError("cors_rules: max_age_seconds cannot be negative")
        normal["max_age_seconds"] = int(rule["max_age_seconds"])
    return normal


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
        return [normalize_cors_rule(rule) for rule in value or []]

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_bucket_cors(Bucket=ctx.bucket),
                                   {"NoSuchCORSConfiguration"}, {"CORSRules": []})
        return [cors_rule_from_api(rule) for rule in response.get("CORSRules", [])]

    def put_arguments(self, desired):
        return {"CORSConfiguration": {"CORSRules": [cors_rule_to_api(rule) for rule in desired]}}


SETTING = CorsSetting
