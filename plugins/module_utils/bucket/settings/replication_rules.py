# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""replication_rules: copy new objects to another bucket (both need versioning); [] removes.

COS names the destination by its bucket CRN (replication.md "Enable replication on a bucket");
a bare bucket name is turned into the CRN of that bucket in the task's service instance.
"""
from __future__ import annotations

from ..names import bucket_crn, validate_bucket_name
from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from ._base import SettingError, WholeSetting
from ._filters import check_rule_set, filter_from_api, filter_to_api, normalize_filter

ORDER = 130
OPTIONS = {"replication_rules": {"type": "list", "elements": "dict", "options": {
    "id": {"type": "str", "required": True},
    "destination_bucket": {"type": "str", "required": True},
    "priority": {"type": "int", "default": 0},
    "enabled": {"type": "bool", "default": True},
    "prefix": {"type": "str", "default": ""},
    "tags": {"type": "dict"},
    "delete_marker_replication": {"type": "bool", "default": False},
}}}


def destination_crn(destination, instance_crn):
    """The destination as a bucket CRN; a bare name must be a valid bucket name."""
    if destination.startswith("crn:"):
        name = destination.rsplit(":bucket:", 1)[-1] if ":bucket:" in destination else ""
        problem = validate_bucket_name(name) if name else "it does not end in :bucket:<name>"
        if problem:
            raise SettingError(f"replication_rules: destination_bucket {destination!r} is not a bucket CRN: {problem}")
        return destination
    problem = validate_bucket_name(destination)
    if problem:
        raise SettingError(f"replication_rules: destination_bucket: {problem} Give a bucket name or a bucket CRN "
                           "(crn:v1:bluemix:public:cloud-object-storage:global:a/<account>:<instance>:bucket:<name>)")
    expanded = bucket_crn(instance_crn, destination)
    if not expanded:
        raise SettingError(f"replication_rules: destination_bucket {destination!r} must be a bucket CRN "
                           "(crn:v1:bluemix:public:cloud-object-storage:global:a/<account>:<instance>:bucket:<name>) "
                           "unless service_instance_id is an instance CRN")
    return expanded


def normalize_replication_rule(rule, instance_crn=None, expand=True):
    destination = str(rule.get("destination_bucket") or "")
    if not rule.get("id") or not destination:
        raise SettingError("replication_rules: every rule needs an id and a destination_bucket")
    if expand:
        destination = destination_crn(destination, instance_crn)
    normal = {"id": str(rule["id"]), "priority": int(rule.get("priority") or 0),
              "enabled": rule.get("enabled", True) is not False,
              "destination_bucket": destination,
              "delete_marker_replication": bool(rule.get("delete_marker_replication"))}
    normal.update(normalize_filter("replication_rules", rule))
    return normal


def _order(rules):
    return sorted(rules, key=lambda r: (r["priority"], r["id"]))


class ReplicationSetting(WholeSetting):
    name = "replication_rules"
    absent = []
    put, delete = "put_bucket_replication", "delete_bucket_replication"

    def desired(self, params):
        rules = _order(normalize_replication_rule(r, params.get("service_instance_id"))
                       for r in params[self.name])
        check_rule_set(self.name, rules)
        return rules

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_bucket_replication(Bucket=ctx.bucket),
                                   {"ReplicationConfigurationNotFoundError"}, {})
        rules = (response.get("ReplicationConfiguration") or {}).get("Rules") or []
        return _order(normalize_replication_rule({
            "id": r.get("ID") or "(no id)",
            "priority": r.get("Priority"),
            # COS's own examples read the status back in capitals (replication.md "View replication
            # configuration for a bucket"), so compare without case.
            "enabled": str(r.get("Status")).lower() == "enabled",
            **filter_from_api(r),
            "destination_bucket": (r.get("Destination") or {}).get("Bucket"),
            "delete_marker_replication": str((r.get("DeleteMarkerReplication") or {}).get("Status")).lower() == "enabled",
        }, expand=False) for r in rules)

    def write(self, ctx, desired, current):
        try:
            super().write(ctx, desired, current)
        except Exception as exc:  # pylint: disable=broad-except
            if desired:
                from ..replication_firewall import explain_put_refusal  # only after a refusal

                explain_put_refusal(exc, ctx.bucket)
            raise

    def put_arguments(self, desired):
        return {"ReplicationConfiguration": {"Rules": [{
            "ID": r["id"], "Priority": r["priority"], "Status": "Enabled" if r["enabled"] else "Disabled",
            "Filter": filter_to_api(r), "Destination": {"Bucket": r["destination_bucket"]},
            "DeleteMarkerReplication": {"Status": "Enabled" if r["delete_marker_replication"] else "Disabled"},
        } for r in desired]}}


SETTING = ReplicationSetting
