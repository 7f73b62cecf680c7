# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""website: static website hosting; {} removes it. Routing rules keep their order (first match wins)."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from ._base import SettingError, WholeSetting, drop_none

ORDER = 90
# The routing rules' words, with their S3 names.
_CONDITION = {"key_prefix_equals": "KeyPrefixEquals",
              "http_error_code_returned_equals": "HttpErrorCodeReturnedEquals"}
_REDIRECT = {"host_name": "HostName", "protocol": "Protocol", "http_redirect_code": "HttpRedirectCode",
             "replace_key_prefix_with": "ReplaceKeyPrefixWith", "replace_key_with": "ReplaceKeyWith"}
OPTIONS = {"website": {"type": "dict", "options": {
    "index_document": {"type": "str"},
    "error_document": {"type": "str"},
    "redirect_all_requests_to": {"type": "dict", "options": {
        "host_name": {"type": "str", "required": True},
        "protocol": {"type": "str", "choices": ["http", "https"]},
    }},
    "routing_rules": {"type": "list", "elements": "dict", "options": {
        # Key names and prefixes, not secrets (validate-modules guesses otherwise from "key").
        "condition": {"type": "dict", "options": {k: {"type": "str", "no_log": False} for k in _CONDITION}},
        "redirect": {"type": "dict", "required": True, "options": dict(
            {k: {"type": "str", "no_log": False} for k in _REDIRECT if k != "protocol"},
            protocol={"type": "str", "choices": ["http", "https"]})},
    }},
}}}


_STRINGS = {"http_error_code_returned_equals", "http_redirect_code"}


def _clean(mapping, keys):
    return {k: str(v) for k, v in drop_none({k: (mapping or {}).get(k) for k in keys}).items() if v != ""}


def normalize_website(value):
    value = value or {}
    normal = {}
    redirect_all = value.get("redirect_all_requests_to")
    if redirect_all:
        normal["redirect_all_requests_to"] = _clean(redirect_all, ("host_name", "protocol"))
    for key in ("index_document", "error_document"):
        if value.get(key):
            normal[key] = str(value[key])
    rules = []
    for rule in value.get("routing_rules") or []:
        redirect = _clean(rule.get("redirect"), _REDIRECT)
        if not redirect:
            raise SettingError("website: every routing rule needs a redirect with at least one setting")
        normal_rule = {"redirect": redirect}
        condition = _clean(rule.get("condition"), _CONDITION)
        if condition:
            normal_rule["condition"] = condition
        rules.append(normal_rule)
    if rules:
        normal["routing_rules"] = rules
    if redirect_all and set(normal) != {"redirect_all_requests_to"}:
        raise SettingError("website: redirect_all_requests_to cannot be combined with index_document, "
                           "error_document or routing_rules")
    if normal and not redirect_all and "index_document" not in normal:
        raise SettingError("website: index_document is required unless redirect_all_requests_to is set")
    return normal


def website_to_api(normal):
    api = {}
    if "redirect_all_requests_to" in normal:
        target = normal["redirect_all_requests_to"]
        api["RedirectAllRequestsTo"] = {_REDIRECT[k]: v for k, v in target.items()}
    if "index_document" in normal:
        api["IndexDocument"] = {"Suffix": normal["index_document"]}
    if "error_document" in normal:
        api["ErrorDocument"] = {"Key": normal["error_document"]}
    if "routing_rules" in normal:
        api["RoutingRules"] = [
            dict({"Redirect": {_REDIRECT[k]: v for k, v in rule["redirect"].items()}},
                 **({"Condition": {_CONDITION[k]: v for k, v in rule["condition"].items()}}
                    if "condition" in rule else {}))
            for rule in normal["routing_rules"]]
    return api


def website_from_api(api):
    def back(mapping, names):
        reverse = {v: k for k, v in names.items()}
        return {reverse[k]: v for k, v in (mapping or {}).items() if k in reverse}

    return normalize_website({
        "index_document": (api.get("IndexDocument") or {}).get("Suffix"),
        "error_document": (api.get("ErrorDocument") or {}).get("Key"),
        "redirect_all_requests_to": back(api.get("RedirectAllRequestsTo"), _REDIRECT) or None,
        "routing_rules": [{"condition": back(r.get("Condition"), _CONDITION),
                           "redirect": back(r.get("Redirect"), _REDIRECT)}
                          for r in api.get("RoutingRules") or []],
    })


class WebsiteSetting(WholeSetting):
    name = "website"
    absent = {}
    put, delete = "put_bucket_website", "delete_bucket_website"

    def normalize(self, value):
        return normalize_website(value)

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_bucket_website(Bucket=ctx.bucket),
                                   {"NoSuchWebsiteConfiguration"}, {})
        return website_from_api(response)

    def put_arguments(self, desired):
        return {"WebsiteConfiguration": website_to_api(desired)}


SETTING = WebsiteSetting
