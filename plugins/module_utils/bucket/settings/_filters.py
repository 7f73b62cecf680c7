# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What lifecycle and replication rules share: rule IDs and counts, and the rule filter.

A filter is kept flat in normal form: `prefix` (always, "" for none), `tags` (a dict, only when
set) and, for lifecycle rules, `object_size_greater_than` / `object_size_less_than` (only when set).
On the wire COS wants exactly one of `Prefix`, `Tag`, a size, or `And` when there are several
(api-reference-buckets.md, replication.md "Enable replication on a bucket").
"""
from __future__ import annotations

import re

from ._base import SettingError

# api-reference-buckets.md (lifecycle ID) and replication.md (ID): letters, digits and !_.*'()-.
RULE_ID = re.compile(r"^[A-Za-z0-9!_.*'()-]+$")
# expiry.md "Limit 1000" (Rule), replication.md "can contain a maximum of 1,000".
MAX_RULES = 1000
# expiry.md "Tag": the key "must be less than 128 characters", the value "less than 256".
MAX_TAG_KEY, MAX_TAG_VALUE = 127, 255
SIZES = ("object_size_greater_than", "object_size_less_than")
_API_SIZES = {"object_size_greater_than": "ObjectSizeGreaterThan", "object_size_less_than": "ObjectSizeLessThan"}


def check_rule_set(option, rules):
    """Rule IDs in COS's charset and unique, at most MAX_RULES rules."""
    if len(rules) > MAX_RULES:
        raise SettingError(f"{option}: {len(rules)} rules; COS allows at most {MAX_RULES}")
    for rule in rules:
        if not RULE_ID.match(rule["id"]):
            raise SettingError(f"{option}: rule id {rule['id']!r} may hold only letters, digits and "
                               "the symbols ! _ . * ' ( ) -")
    ids = [r["id"] for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SettingError(f"{option}: duplicate rule id(s) " + ", ".join(duplicates))


def normalize_tags(option, rule_id, tags):
    normal = {}
    for key, value in (tags or {}).items():
        key, value = str(key), "" if value is None else str(value)
        if not key or len(key) > MAX_TAG_KEY or len(value) > MAX_TAG_VALUE:
            raise SettingError(f"{option}: tag {key!r} in rule {rule_id!r} needs a key of 1 to {MAX_TAG_KEY} "
                               f"characters and a value of at most {MAX_TAG_VALUE}")
        normal[key] = value
    return dict(sorted(normal.items()))


def normalize_filter(option, rule, sizes=False):
    """The filter part of a rule in normal form (see the module's docstring)."""
    rule_id = rule.get("id")
    normal = {"prefix": rule.get("prefix") or ""}
    tags = normalize_tags(option, rule_id, rule.get("tags"))
    if tags:
        normal["tags"] = tags
    for key in SIZES:
        if rule.get(key) is None:
            continue
        if not sizes:
            raise SettingError(f"{option}: {key} is a lifecycle filter only")
        if int(rule[key]) < 1:
            # expiry.md: "This must be an integer value greater than 0."
            raise SettingError(f"{option}: {key} in rule {rule_id!r} must be a number of bytes greater than 0")
        normal[key] = int(rule[key])
    return normal


def filter_to_api(rule):
    """The rule's `Filter`: one criterion bare, several under `And`, none as an empty prefix."""
    tags = [{"Key": k, "Value": v} for k, v in (rule.get("tags") or {}).items()]
    sizes = {_API_SIZES[k]: rule[k] for k in SIZES if k in rule}
    criteria = bool(rule["prefix"]) + len(tags) + len(sizes)
    if criteria > 1:
        both = dict(sizes, **({"Prefix": rule["prefix"]} if rule["prefix"] else {}))
        if tags:
            both["Tags"] = tags
        return {"And": both}
    if tags:
        return {"Tag": tags[0]}
    if sizes:
        return sizes
    return {"Prefix": rule["prefix"]}


def filter_from_api(api):
    """The flat filter options of a rule as COS returns it (Filter, Filter/And or the legacy Prefix)."""
    rule_filter = api.get("Filter") or {}
    both = rule_filter.get("And") or {}
    tags = both.get("Tags") or ([rule_filter["Tag"]] if rule_filter.get("Tag") else [])
    found = {"prefix": both.get("Prefix", rule_filter.get("Prefix", api.get("Prefix", ""))) or "",
             "tags": {t.get("Key"): t.get("Value") for t in tags} or None}
    for key, api_key in _API_SIZES.items():
        found[key] = both.get(api_key, rule_filter.get(api_key))
    return found
