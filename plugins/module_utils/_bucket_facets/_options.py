# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every facet's options (its argspec) and the words they accept, without the facets' code.

cos_bucket validates all of its options in every task but runs only the facets a task names;
keeping the options here lets it import just those facets (see __init__.py). Each facet module
imports the names it checks values against from here, so a choice is spelled once.
"""
from __future__ import annotations

# location_constraint (creation.py)
STORAGE_CLASSES = ("standard", "vault", "cold", "smart", "onerate_active")
PLACEMENT = {
    "location": {"type": "str"},
    "storage_class": {"type": "str", "choices": list(STORAGE_CLASSES)},
    "location_constraint": {"type": "str"},
}

# key_protect_root_key_crn (creation.py)
KEY_PROTECT = {"key_protect_root_key_crn": {"type": "str", "no_log": False,
                                            "aliases": ["hpcs_root_key_crn", "kms_root_key_crn"]}}

# object_lock, object_lock_default_retention (object_lock.py)
OBJECT_LOCK = {"object_lock": {"type": "bool"}}
OBJECT_LOCK_DEFAULT_RETENTION = {"object_lock_default_retention": {"type": "dict", "options": {
    "mode": {"type": "str", "choices": ["COMPLIANCE", "GOVERNANCE"], "default": "COMPLIANCE"},
    "days": {"type": "int"},
    "years": {"type": "int"},
}}}

# versioning (versioning.py)
VERSIONING = {"versioning": {"type": "bool"}}

# retention (retention.py)
RETENTION = {"retention": {"type": "dict", "options": {
    "minimum_days": {"type": "int"},
    "default_days": {"type": "int"},
    "maximum_days": {"type": "int"},
    "permanent": {"type": "bool", "default": False},
}}}

# lifecycle_rules (lifecycle.py)
TRANSITION_STORAGE_CLASSES = ("GLACIER", "ACCELERATED")
LIFECYCLE = {"lifecycle_rules": {"type": "list", "elements": "dict", "options": {
    "id": {"type": "str", "required": True},
    "enabled": {"type": "bool", "default": True},
    "prefix": {"type": "str", "default": ""},
    "expiration_days": {"type": "int"},
    "expiration_date": {"type": "str"},
    "expired_object_delete_marker": {"type": "bool"},
    "transition_days": {"type": "int"},
    "transition_date": {"type": "str"},
    "transition_storage_class": {"type": "str", "choices": list(TRANSITION_STORAGE_CLASSES)},
    "noncurrent_version_expiration_days": {"type": "int"},
    "abort_incomplete_multipart_upload_days": {"type": "int"},
}}}

# cors_rules (cors.py)
CORS = {"cors_rules": {"type": "list", "elements": "dict", "options": {
    "id": {"type": "str"},
    "allowed_origins": {"type": "list", "elements": "str", "required": True},
    "allowed_methods": {"type": "list", "elements": "str", "required": True},
    "allowed_headers": {"type": "list", "elements": "str", "default": []},
    "expose_headers": {"type": "list", "elements": "str", "default": []},
    "max_age_seconds": {"type": "int"},
}}}

# website (website.py): the routing rules' words, with their S3 names.
WEBSITE_CONDITION = {"key_prefix_equals": "KeyPrefixEquals",
                     "http_error_code_returned_equals": "HttpErrorCodeReturnedEquals"}
WEBSITE_REDIRECT = {"host_name": "HostName", "protocol": "Protocol", "http_redirect_code": "HttpRedirectCode",
                    "replace_key_prefix_with": "ReplaceKeyPrefixWith", "replace_key_with": "ReplaceKeyWith"}
WEBSITE = {"website": {"type": "dict", "options": {
    "index_document": {"type": "str"},
    "error_document": {"type": "str"},
    "redirect_all_requests_to": {"type": "dict", "options": {
        "host_name": {"type": "str", "required": True},
        "protocol": {"type": "str", "choices": ["http", "https"]},
    }},
    "routing_rules": {"type": "list", "elements": "dict", "options": {
        # Key names and prefixes, not secrets (validate-modules guesses otherwise from "key").
        "condition": {"type": "dict", "options": {k: {"type": "str", "no_log": False} for k in WEBSITE_CONDITION}},
        "redirect": {"type": "dict", "required": True, "options": dict(
            {k: {"type": "str", "no_log": False} for k in WEBSITE_REDIRECT if k != "protocol"},
            protocol={"type": "str", "choices": ["http", "https"]})},
    }},
}}}

# tags (tags.py)
TAGS = {"tags": {"type": "dict"}, "purge_tags": {"type": "bool", "default": True}}

# public_access_block, acl (public_access.py)
PUBLIC_ACCESS_FLAGS = {"block_public_acls": "BlockPublicAcls", "ignore_public_acls": "IgnorePublicAcls"}
PUBLIC_ACCESS_BLOCK = {"public_access_block": {"type": "dict", "options": {
    key: {"type": "bool", "default": False} for key in PUBLIC_ACCESS_FLAGS}}}
CANNED_ACLS = ("private", "public-read", "public-read-write", "authenticated-read")
ACL = {"acl": {"type": "str", "choices": list(CANNED_ACLS)}}

# replication_rules (replication.py)
REPLICATION = {"replication_rules": {"type": "list", "elements": "dict", "options": {
    "id": {"type": "str", "required": True},
    "destination_bucket": {"type": "str", "required": True},
    "priority": {"type": "int", "default": 0},
    "enabled": {"type": "bool", "default": True},
    "prefix": {"type": "str", "default": ""},
    "delete_marker_replication": {"type": "bool", "default": False},
}}}

# firewall, activity_tracking, metrics_monitoring, hard_quota (resource_config.py)
NETWORK_TYPES = ("public", "private", "direct")
FIREWALL = {"firewall": {"type": "dict", "options": {
    "allowed_ip": {"type": "list", "elements": "str", "default": []},
    "denied_ip": {"type": "list", "elements": "str", "default": []},
    "allowed_network_type": {"type": "list", "elements": "str", "default": [], "choices": list(NETWORK_TYPES)},
}}}
ACTIVITY_TRACKING_FLAGS = ("read_data_events", "write_data_events", "management_events")
METRICS_MONITORING_FLAGS = ("usage_metrics_enabled", "request_metrics_enabled")


def flags_option(name, flags):
    """A dict option of booleans that default to false."""
    return {name: {"type": "dict", "options": {flag: {"type": "bool", "default": False} for flag in flags}}}


ACTIVITY_TRACKING = flags_option("activity_tracking", ACTIVITY_TRACKING_FLAGS)
METRICS_MONITORING = flags_option("metrics_monitoring", METRICS_MONITORING_FLAGS)
HARD_QUOTA = {"hard_quota": {"type": "raw"}}
