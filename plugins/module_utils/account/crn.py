# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading IBM Cloud CRNs: crn:v1:<cname>:<ctype>:<service>:<location>:a/<account>:<instance>:<type>:<resource>."""
from __future__ import annotations

import re

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class Crn:
    def __init__(self, text: str):
        parts = str(text).split(":")
        if len(parts) != 10 or parts[0] != "crn" or parts[1] != "v1" or not parts[6].startswith("a/"):
            raise ValueError(f"{text!r} is not a CRN (crn:v1:bluemix:public:<service>:<location>:a/<account>:"
                             "<instance>::)")
        self.text = text
        self.service = parts[4]
        self.location = parts[5]
        self.account = parts[6][2:]
        self.instance = parts[7]
        self.resource_type = parts[8]
        self.resource = parts[9]


def instance_guid(value: str) -> str:
    """The instance GUID of a GUID or any CRN under an instance (a key's CRN included)."""
    return Crn(value).instance if str(value).startswith("crn:") else value


def cos_instance_problem(value, option: str, guid_ok: bool = False):
    """None when `value` names a COS service instance (its CRN, or with guid_ok its GUID too), else
    the message that names the option."""
    value = value or ""
    if guid_ok and not value.startswith("crn:"):
        return None if GUID.match(value) else f"{option} must be a COS instance CRN or GUID, got {value!r}"
    try:
        crn = Crn(value)
    except ValueError as exc:
        return f"{option}: {exc}"
    if crn.service != "cloud-object-storage":
        return f"{option} must be a COS service instance CRN, got a {crn.service!r} CRN"
    return None
