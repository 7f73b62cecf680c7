# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""replication_rules: copy new objects to another bucket (both need versioning); [] removes."""
from __future__ import annotations

from ..names import bucket_crn
from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from ._base import SettingError, WholeSetting

ORDER = 130
OPTIONS = {"replication_rules": {"type": "list", "elements": "dict", "options": {
    "id": {"type": "str", "required": True},
    "destination_bucket": {"type": "str", "required": True},
    "priority": {"type": "int", "default": 0},
    "enabled": {"type": "bool", "default": True},
    "prefix": {"type": "str", "default": ""},
    "delete_marker_replication": {"type": "bool", "default": False},
}}}


def normalize_replication_rule(rule, instance_crn=None, expand=True):
    destination = str(rule.get("destination_bucket") or "")
    if expand and destination and not destination.startswith("crn:"):
        expanded = bucket_crn(instance_crn, destination)
        if not expanded:
            raise SettingError(f"replication_rules: destination_bucket {destination!r} must be a bucket CRN "
                               "(crn:v1:bluemix:public:cloud-object-storage:global:a/<account>:<instance>:bucket:<name>) "
                               "unless service_instance_id is an instance CRN")
        destination = expanded
    if not rule.get("id") or not destination:
        raise SettingError("replication_rules: every rule needs an id and a destination_bucket")
    return {"id": str(rule["id"]), "priority": int(rule.get("priority") or 0),
            "enabled": rule.get("enabled", True) is not False, "prefix": rule.get("prefix") or "",
            "destination_bucket": destination,
            "delete_marker_replication": bool(rule.get("delete_marker_replication"))}


def _order(rules):
    return sorted(rules, key=lambda r: (r["priority"], r["id"]))


class ReplicationSetting(WholeSetting):
    name = "replication_rules"
    absent = []
    put, delete = "put_bucket_replication", "delete_bucket_replication"

    def desired(self, params):
        rules = _order(normalize_replication_rule(r, params.get("service_instance_id"))
                       for r in params[self.name])
        ids = [r["id"] for r in rules]
        if len(set(ids)) != len(ids):
            raise SettingError("replication_rules: rule ids must be unique")
        return rules

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_bucket_replication(Bucket=ctx.bucket),
                                   {"ReplicationConfigurationNotFoundError"}, {})
        rules = (response.get("ReplicationConfiguration") or {}).get("Rules") or []
        return _order(normalize_replication_rule({
            "id": r.get("ID") or "(no id)",
            "priority": r.get("Priority"),
            "enabled": r.get("Status") == "Enabled",
            "prefix": (r.get("Filter") or {}).get("Prefix", r.get("Prefix", "")),
            "destination_bucket": (r.get("Destination") or {}).get("Bucket"),
            "delete_marker_replication": (r.get("DeleteMarkerReplication") or {}).get("Status") == "Enabled",
        }, expand=False) for r in rules)

    def put_arguments(self, desired):
        return {"ReplicationConfiguration": {"Rules": [{
            "ID": r["id"], "Priority": r["priority"], "Status": "Enabled" if r["enabled"] else "Disabled",
            "Filter": {"Prefix": r["prefix"]}, "Destination": {"Bucket": r["destination_bucket"]},
            "DeleteMarkerReplication": {"Status": "Enabled" if r["delete_marker_replication"] else "Disabled"},
        } for r in desired]}}


SETTING = ReplicationSetting
