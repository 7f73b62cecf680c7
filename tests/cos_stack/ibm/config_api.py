"""The Resource Configuration API: GET and PATCH /v1/b/{bucket}, bearer tokens only."""

import copy
import ipaddress

from werkzeug.wrappers import Response

from ..store import moto_store
from ..store.buckets import utc_now
from ..web.api_requests import BEARER_NOT_HMAC, bearer_principal, json_object
from ..web.replies import ibm_error, json_reply
from ..process.settings import instance_crn
from .replication import firewall_conflict

MAX_CIDRS = 1000
NETWORK_TYPES = ("public", "private", "direct")
PATCH_TYPES = ("application/merge-patch+json", "application/json")


class InvalidPatch(Exception):
    pass


class Unauthorized(Exception):
    pass


# ledger: CFG-03
def merge_patch(target, patch):
    """RFC 7396: objects merge key by key, null deletes, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


# ledger: CFG-05
def _check_cidrs(name, values):
    if not isinstance(values, list):
        raise InvalidPatch(f"firewall.{name} must be a list of IPv4/IPv6 addresses or CIDR blocks.")
    if len(values) > MAX_CIDRS:
        raise InvalidPatch(f"firewall.{name} has {len(values)} entries; at most {MAX_CIDRS} are allowed.")
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except (TypeError, ValueError):
            raise InvalidPatch(f"firewall.{name} entry {value!r} is not a valid IP address or CIDR block.") from None


# What a PATCH may set: section -> {field: kind}. Kinds: "cidrs", "network_types", "bool", "crn".
SETTABLE = {
    "firewall": {"allowed_ip": "cidrs", "denied_ip": "cidrs", "allowed_network_type": "network_types"},
    "activity_tracking": {"read_data_events": "bool", "write_data_events": "bool",
                          "management_events": "bool",
                          # ledger: CFG-15
                          "activity_tracker_crn": "crn"},
    "metrics_monitoring": {"usage_metrics_enabled": "bool", "request_metrics_enabled": "bool",
                           # ledger: CFG-15
                           "metrics_monitoring_crn": "crn"},
}


def _check_field(section, name, kind, value):
    where = f"{section}.{name}"
    if kind == "cidrs":
        _check_cidrs(name, value)
    elif kind == "network_types":
        # ledger: CFG-06
        if not isinstance(value, list) or any(t not in NETWORK_TYPES for t in value) or len(set(value)) != len(value):
            raise InvalidPatch(f"{where} must be distinct values from {list(NETWORK_TYPES)}.")
    elif kind == "bool":
        # ledger: CFG-07 CFG-08
        if not isinstance(value, bool):
            raise InvalidPatch(f"{where} must be true or false.")
    elif not isinstance(value, str) or not value.startswith("crn:v1:"):
        raise InvalidPatch(f"{where} must be a CRN (crn:v1:...).")


def validated(config):
    """Check every field of a merged configuration; return it. Unset fields stay unset."""
    # ledger: CFG-10
    unknown = set(config) - set(SETTABLE) - {"hard_quota"}
    if unknown:
        raise InvalidPatch(f"Unknown or read-only fields: {sorted(unknown)}.")
    for section, fields in SETTABLE.items():
        values = config.get(section, {})
        if not isinstance(values, dict):
            raise InvalidPatch(f"{section} must be an object.")
        unknown = set(values) - set(fields)
        if unknown:
            raise InvalidPatch(f"Unknown {section} fields: {sorted(unknown)}.")
        for name, value in values.items():
            _check_field(section, name, fields[name], value)
    if "hard_quota" in config:
        # ledger: CFG-09
        quota = config["hard_quota"]
        if isinstance(quota, bool) or not isinstance(quota, int) or quota < 0:
            raise InvalidPatch("hard_quota must be a whole number of bytes, 0 to disable.")
    return config


def _timestamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# ledger: CFG-01
def bucket_document(state, record):
    config = state.config
    return {
        "name": record.name,
        "crn": f"crn:v1:bluemix:public:cloud-object-storage:global:a/{config['account_id']}:"
               f"{record.instance}:bucket:{record.name}",
        "service_instance_id": record.instance,
        "service_instance_crn": instance_crn(config, record.instance),
        "time_created": _timestamp(record.created),
        "time_updated": _timestamp(record.updated),
        **moto_store.usage(record.name),
        **copy.deepcopy(record.resource_config),
    }


def config_api(request, state, op, bucket_name):
    """op is 'config_get' or 'config_patch'; the caller has counted it and applied faults."""
    try:
        principal = bearer_principal(request, state, Unauthorized, BEARER_NOT_HMAC)
    except Unauthorized as refused:
        # ledger: CFG-11
        return ibm_error(401, "Unauthorized", str(refused))
    record = state.buckets.get(bucket_name)
    # ledger: CFG-12
    if record is None:
        return ibm_error(404, "NotFound", f"Bucket {bucket_name!r} was not found.")
    if record.instance not in principal.instances:
        return ibm_error(403, "Forbidden", "The caller has no access to the bucket's service instance.")
    if op == "config_get":
        document = bucket_document(state, record)
        if principal.role != "Manager":
            # ledger: CFG-16
            document.pop("firewall", None)
        return json_reply(document, headers={"ETag": record.etag()})
    if request.mimetype not in PATCH_TYPES:
        return ibm_error(415, "UnsupportedMediaType", "Use Content-Type: application/merge-patch+json.")
    try:
        patch = json_object(request, InvalidPatch)
    except InvalidPatch as invalid:
        return ibm_error(400, "InvalidRequest", str(invalid))
    if "firewall" in patch and principal.role != "Manager":
        # ledger: CFG-16
        return ibm_error(403, "Forbidden", "Viewing or updating the firewall needs the Manager role.")
    with state.buckets.lock:
        if_match = request.headers.get("If-Match")
        # ledger: CFG-02
        if if_match and if_match not in ("*", record.etag()):
            return ibm_error(412, "PreconditionFailed",
                             "If-Match does not match the bucket's current ETag.")
        try:
            merged = validated(merge_patch(record.resource_config, patch))
        except InvalidPatch as invalid:
            return ibm_error(400, "InvalidRequest", str(invalid))
        conflict = "firewall" in patch and firewall_conflict(state.buckets, record, merged)
        if conflict:
            return ibm_error(409, "InvalidBucketState", conflict)
        record.resource_config = merged
        record.updated = utc_now()
        # ledger: CFG-04
        return Response(status=204, headers={"ETag": record.etag()})
