# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generated from the setting files in this folder (their ORDER and OPTIONS): do not edit. After adding
or changing a setting, run python tests/unit/plugins/module_utils/bucket/settings/settings_index.py --write
"""
from __future__ import annotations

import json

NAMES = (
    "location_constraint",
    "key_protect_root_key_crn",
    "object_lock",
    "versioning",
    "retention",
    "object_lock_default_retention",
    "lifecycle_rules",
    "cors_rules",
    "website",
    "tags",
    "public_access_block",
    "acl",
    "replication_rules",
    "firewall",
    "activity_tracking",
    "metrics_monitoring",
    "hard_quota",
)

# {setting: its argspec}
OPTIONS = json.loads(
    '{"location_constraint":{"location":{"type":"str"},"storage_class":{"type":"str","choices":["standard'
    '","vault","cold","smart","onerate_active"]},"location_constraint":{"type":"str"}},"key_protect_root_'
    'key_crn":{"key_protect_root_key_crn":{"type":"str","no_log":false},"hpcs_root_key_crn":{"type":"str"'
    ',"no_log":false},"kms_root_key_crn":{"type":"str","no_log":false}},"object_lock":{"object_lock":{"ty'
    'pe":"bool"}},"versioning":{"versioning":{"type":"bool"}},"retention":{"retention":{"type":"dict","op'
    'tions":{"minimum_days":{"type":"int"},"default_days":{"type":"int"},"maximum_days":{"type":"int"},"p'
    'ermanent":{"type":"bool","default":false}}}},"object_lock_default_retention":{"object_lock_default_r'
    'etention":{"type":"dict","options":{"mode":{"type":"str"},"days":{"type":"int"},"years":{"type":"int'
    '"}}}},"lifecycle_rules":{"lifecycle_rules":{"type":"list","elements":"dict","options":{"id":{"type":'
    '"str","required":true},"enabled":{"type":"bool","default":true},"prefix":{"type":"str","default":""}'
    ',"tags":{"type":"dict"},"object_size_greater_than":{"type":"int"},"object_size_less_than":{"type":"i'
    'nt"},"expiration_days":{"type":"int"},"expiration_date":{"type":"str"},"expired_object_delete_marker'
    '":{"type":"bool"},"transition_days":{"type":"int"},"transition_date":{"type":"str"},"transition_stor'
    'age_class":{"type":"str","choices":["GLACIER","ACCELERATED"]},"noncurrent_version_expiration_days":{'
    '"type":"int"},"abort_incomplete_multipart_upload_days":{"type":"int"}}}},"cors_rules":{"cors_rules":'
    '{"type":"list","elements":"dict","options":{"id":{"type":"str"},"allowed_origins":{"type":"list","el'
    'ements":"str","required":true},"allowed_methods":{"type":"list","elements":"str","required":true},"a'
    'llowed_headers":{"type":"list","elements":"str","default":[]},"expose_headers":{"type":"list","eleme'
    'nts":"str","default":[]},"max_age_seconds":{"type":"int"}}}},"website":{"website":{"type":"dict","op'
    'tions":{"index_document":{"type":"str"},"error_document":{"type":"str"},"redirect_all_requests_to":{'
    '"type":"dict","options":{"host_name":{"type":"str","required":true},"protocol":{"type":"str","choice'
    's":["http","https"]}}},"routing_rules":{"type":"list","elements":"dict","options":{"condition":{"typ'
    'e":"dict","options":{"key_prefix_equals":{"type":"str","no_log":false},"http_error_code_returned_equ'
    'als":{"type":"str","no_log":false}}},"redirect":{"type":"dict","required":true,"options":{"host_name'
    '":{"type":"str","no_log":false},"http_redirect_code":{"type":"str","no_log":false},"replace_key_pref'
    'ix_with":{"type":"str","no_log":false},"replace_key_with":{"type":"str","no_log":false},"protocol":{'
    '"type":"str","choices":["http","https"]}}}}}}}},"tags":{"tags":{"type":"dict"},"purge_tags":{"type":'
    '"bool"}},"public_access_block":{"public_access_block":{"type":"dict","options":{"block_public_acls":'
    '{"type":"bool","default":false},"ignore_public_acls":{"type":"bool","default":false}}}},"acl":{"acl"'
    ':{"type":"str","choices":["private","public-read"]}},"replication_rules":{"replication_rules":{"type'
    '":"list","elements":"dict","options":{"id":{"type":"str","required":true},"destination_bucket":{"typ'
    'e":"str","required":true},"priority":{"type":"int","default":0},"enabled":{"type":"bool","default":t'
    'rue},"prefix":{"type":"str","default":""},"tags":{"type":"dict"},"delete_marker_replication":{"type"'
    ':"bool","default":false}}}},"firewall":{"firewall":{"type":"dict","options":{"allowed_ip":{"type":"l'
    'ist","elements":"str","default":[]},"denied_ip":{"type":"list","elements":"str","default":[]},"allow'
    'ed_network_type":{"type":"list","elements":"str","default":[],"choices":["public","private","direct"'
    ']}}}},"activity_tracking":{"activity_tracking":{"type":"dict","options":{"read_data_events":{"type":'
    '"bool","default":false},"write_data_events":{"type":"bool","default":false},"management_events":{"ty'
    'pe":"bool","default":false},"activity_tracker_crn":{"type":"str"}}}},"metrics_monitoring":{"metrics_'
    'monitoring":{"type":"dict","options":{"usage_metrics_enabled":{"type":"bool","default":false},"reque'
    'st_metrics_enabled":{"type":"bool","default":false},"metrics_monitoring_crn":{"type":"str"}}}},"hard'
    '_quota":{"hard_quota":{"type":"raw"}}}'
)


def load(name):
    """The setting class of file `name`.py. Each import is written out (not importlib) so that
    AnsiballZ, which packs what it sees imported, ships every setting file with the module."""
    if name == "acl":
        from . import acl as setting_file
    elif name == "activity_tracking":
        from . import activity_tracking as setting_file
    elif name == "cors_rules":
        from . import cors_rules as setting_file
    elif name == "firewall":
        from . import firewall as setting_file
    elif name == "hard_quota":
        from . import hard_quota as setting_file
    elif name == "key_protect_root_key_crn":
        from . import key_protect_root_key_crn as setting_file
    elif name == "lifecycle_rules":
        from . import lifecycle_rules as setting_file
    elif name == "location_constraint":
        from . import location_constraint as setting_file
    elif name == "metrics_monitoring":
        from . import metrics_monitoring as setting_file
    elif name == "object_lock":
        from . import object_lock as setting_file
    elif name == "object_lock_default_retention":
        from . import object_lock_default_retention as setting_file
    elif name == "public_access_block":
        from . import public_access_block as setting_file
    elif name == "replication_rules":
        from . import replication_rules as setting_file
    elif name == "retention":
        from . import retention as setting_file
    elif name == "tags":
        from . import tags as setting_file
    elif name == "versioning":
        from . import versioning as setting_file
    elif name == "website":
        from . import website as setting_file
    else:
        raise ValueError(f"no bucket setting {name!r}")
    return setting_file.SETTING
