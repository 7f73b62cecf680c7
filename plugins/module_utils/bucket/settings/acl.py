# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""acl: the bucket's canned ACL; grants that match no canned ACL read as "custom".

COS accepts only `private` and `public-read` (credentials.md "HMAC credentials defined": "ACLs (other
than public-read) are unsupported"; rclone.md: "Only public-read and private are supported"); the
S3 model's other canned ACLs come from botocore. The others are still recognised when read.
"""
from __future__ import annotations

from ._base import Setting

ORDER = 120
CANNED_ACLS = ("private", "public-read")
OPTIONS = {"acl": {"type": "str", "choices": list(CANNED_ACLS)}}

_ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
_AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"


def canned_acl_from_grants(grants, owner_id=None):
    """The canned ACL that `grants` amount to, or "custom" when they match none."""
    extra = set()
    for grant in grants or []:
        grantee = grant.get("Grantee") or {}
        permission = grant.get("Permission")
        if grantee.get("Type") == "CanonicalUser" and permission == "FULL_CONTROL" and (
                owner_id is None or grantee.get("ID") == owner_id):
            continue
        extra.add((grantee.get("URI") or grantee.get("ID") or grantee.get("EmailAddress"), permission))
    known = {
        frozenset(): "private",
        frozenset({(_ALL_USERS, "READ")}): "public-read",
        frozenset({(_ALL_USERS, "READ"), (_ALL_USERS, "WRITE")}): "public-read-write",
        frozenset({(_AUTHENTICATED, "READ")}): "authenticated-read",
    }
    return known.get(frozenset(extra), "custom")


class AclSetting(Setting):
    name = "acl"
    absent = "private"

    def read(self, ctx):
        response = ctx.s3.get_bucket_acl(Bucket=ctx.bucket)
        return canned_acl_from_grants(response.get("Grants"), (response.get("Owner") or {}).get("ID"))

    def write(self, ctx, desired, current):
        ctx.s3.put_bucket_acl(Bucket=ctx.bucket, ACL=desired)


SETTING = AclSetting
