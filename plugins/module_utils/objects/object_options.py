# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which cos_object options go together (pure)."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import validate_transfer_options

CONTENT_OPTIONS = ["src", "content", "content_base64", "copy_source"]
EXCLUSIVE_OPTIONS = CONTENT_OPTIONS + ["dest", "presign"]
ATTRIBUTE_OPTIONS = ["metadata", "content_type", "cache_control", "content_disposition", "content_encoding",
                     "content_language", "tags", "retention", "legal_hold", "legal_hold_ids"]
MAX_PRESIGN_SECONDS = 7 * 24 * 3600


def option_error(params):
    """A message naming the options that cannot be combined, or None."""
    mode = ("state=absent" if params["state"] == "absent" else "dest" if params["dest"]
            else "presign" if params["presign"] else None)
    if mode:
        given = [o for o in CONTENT_OPTIONS + ATTRIBUTE_OPTIONS if params.get(o) is not None]
        if mode == "presign" and params["presign"] == "put":
            given = [o for o in given if o != "content_type"]  # a PUT URL may pin the content type
        if given:
            return "%s cannot be combined with %s" % (mode, ", ".join(given))
    elif params["version_id"]:
        return "version_id selects a version to download (dest), presign or delete (state=absent)"
    if not 1 <= params["expires_in"] <= MAX_PRESIGN_SECONDS:
        return "expires_in must be between 1 and %d seconds (7 days), got %s" % (MAX_PRESIGN_SECONDS,
                                                                                 params["expires_in"])
    return validate_transfer_options(params["part_size_mb"], params["max_concurrency"])
