# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""COS bucket naming rules, checked before any call so a bad name costs no round trip, and bucket CRNs."""
from __future__ import annotations

import re

_ALLOWED = re.compile(r"^[a-z0-9.-]+$")
_IP_SHAPED = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
RESERVED_PREFIXES = ("cosv1-", "account-")


def bucket_name_problems(name):
    """Return the list of COS naming rules `name` breaks (empty when the name is valid)."""
    problems = []
    if not isinstance(name, str) or not name:
        return ["the name is empty"]
    if not 3 <= len(name) <= 63:
        problems.append(f"it is {len(name)} characters long; COS allows 3 to 63")
    if not _ALLOWED.match(name):
        bad = sorted({c for c in name if not re.match(r"[a-z0-9.-]", c)})
        problems.append("it contains %s; only lowercase letters, digits, '.' and '-' are allowed"
                        % ", ".join(repr(c) for c in bad))
    if not (name[0].isalnum() and name[-1].isalnum()):
        problems.append("it must start and end with a lowercase letter or a digit")
    for pair in ("..", "--", ".-", "-."):
        if pair in name:
            problems.append(f"it contains {pair!r}; '.' and '-' cannot be next to each other")
            break
    if _IP_SHAPED.match(name):
        problems.append("it is shaped like an IP address")
    for prefix in RESERVED_PREFIXES:
        if name.startswith(prefix):
            problems.append(f"the prefix {prefix!r} is reserved by COS")
    return problems


def validate_bucket_name(name):
    """Return an error message for an invalid name, or None."""
    problems = bucket_name_problems(name)
    if not problems:
        return None
    return "Invalid bucket name %r: %s." % (name, "; ".join(problems))


def bucket_crn(instance_crn, bucket):
    """The CRN of `bucket` in the service instance whose CRN is `instance_crn` (None when unknown)."""
    if not instance_crn or not str(instance_crn).startswith("crn:"):
        return None
    parts = str(instance_crn).split(":")
    if len(parts) < 8:
        return None
    return ":".join(parts[:8] + ["bucket", bucket])


def bucket_of(name_or_crn):
    """The bucket name in a bucket CRN (``crn:...:bucket:<name>``), or the name as given."""
    return (name_or_crn or "").rsplit(":bucket:", 1)[-1]
