# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_object's options: the argument spec, which go together, and the check made before any call (pure)."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import validate_bucket_name
from ansible_collections.ibm.cos.plugins.module_utils.objects.attributes import HEADER_OPTIONS
from ansible_collections.ibm.cos.plugins.module_utils.objects.object_checks import input_error
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import (
    DEFAULT_MAX_CONCURRENCY, RECOMMENDED_PART_SIZE_MB, validate_transfer_options)

CONTENT_OPTIONS = ["src", "content", "content_base64", "copy_source"]
EXCLUSIVE_OPTIONS = CONTENT_OPTIONS + ["dest", "presign", "return_content"]
ATTRIBUTE_OPTIONS = ["metadata", *HEADER_OPTIONS, "acl", "tags", "retention", "legal_hold", "legal_hold_ids"]
MAX_PRESIGN_SECONDS = 7 * 24 * 3600
DEFAULT_MAX_CONTENT_BYTES = 1024 * 1024

ARGUMENT_SPEC = dict(
    bucket=dict(type="str", required=True),
    key=dict(type="str", required=True, aliases=["object", "name"], no_log=False),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    src=dict(type="path"),
    content=dict(type="str"),
    content_base64=dict(type="str"),
    copy_source=dict(type="dict", options=dict(bucket=dict(type="str", required=True),
                                               key=dict(type="str", no_log=False),
                                               prefix=dict(type="str"),
                                               version_id=dict(type="str")),
                     mutually_exclusive=[["key", "prefix"]], required_one_of=[["key", "prefix"]]),
    dest=dict(type="path"),
    return_content=dict(type="bool"),
    max_content_bytes=dict(type="int", default=DEFAULT_MAX_CONTENT_BYTES),
    presign=dict(type="str", choices=["get", "put"]),
    expires_in=dict(type="int", default=3600),
    version_id=dict(type="str"),
    overwrite=dict(type="str", choices=["always", "never", "different", "latest"], default="different"),
    metadata=dict(type="dict"),
    # The options sent as HTTP headers: plain strings, named once with their header.
    **{option: dict(type="str") for option in HEADER_OPTIONS},
    acl=dict(type="str", choices=["private", "public-read"]),
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=True),
    retention=dict(type="dict", options=dict(mode=dict(type="str", required=True),
                                             retain_until=dict(type="str", required=True))),
    legal_hold=dict(type="bool"),
    legal_hold_ids=dict(type="list", elements="str"),
    purge_legal_hold_ids=dict(type="bool", default=False),
    bypass_governance_retention=dict(type="bool", default=False),
    part_size_mb=dict(type="int", default=RECOMMENDED_PART_SIZE_MB),
    max_concurrency=dict(type="int", default=DEFAULT_MAX_CONCURRENCY),
)


def option_error(params):
    """A message naming the options that cannot be combined, or None."""
    mode = ("state=absent" if params["state"] == "absent" else "dest" if params["dest"]
            else "presign" if params["presign"] else "return_content" if params.get("return_content") else None)
    if mode:
        given = [o for o in CONTENT_OPTIONS + ATTRIBUTE_OPTIONS if params.get(o) is not None]
        if mode == "presign" and params["presign"] == "put":
            given = [o for o in given if o != "content_type"]  # a PUT URL may pin the content type
        if given:
            return "%s cannot be combined with %s" % (mode, ", ".join(given))
    elif params["version_id"]:
        return "version_id selects a version to download (dest), read (return_content), presign or delete"
    if (params.get("copy_source") or {}).get("prefix") is not None:
        given = [o for o in ("retention", "legal_hold", "legal_hold_ids") if params.get(o) is not None]
        if given:
            return "copy_source.prefix cannot be combined with %s" % ", ".join(given)
    if not 1 <= params["expires_in"] <= MAX_PRESIGN_SECONDS:
        return "expires_in must be between 1 and %d seconds (7 days), got %s" % (MAX_PRESIGN_SECONDS,
                                                                                 params["expires_in"])
    if params.get("max_content_bytes") is not None and params["max_content_bytes"] < 0:
        return "max_content_bytes must be 0 or more, got %s" % params["max_content_bytes"]
    return validate_transfer_options(params["part_size_mb"], params["max_concurrency"])


def task_problem(params, settings=None):
    """What is wrong with the task alone, or None; the controller asks first, before any call."""
    return validate_bucket_name(params["bucket"]) or option_error(params) or input_error(params, settings)


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "mutually_exclusive": [EXCLUSIVE_OPTIONS], "validate": task_problem}
