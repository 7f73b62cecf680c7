# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""public_access_block and acl: who outside the account may read the bucket."""
from __future__ import annotations

from ._base import Facet, read_or_default
from ._options import PUBLIC_ACCESS_FLAGS as _FLAGS

_ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
_AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"


class PublicAccessBlockFacet(Facet):
    """All flags false and "no configuration" are the same state, so {} removes it without a diff."""

    name = "public_access_block"
    absent = {key: False for key in _FLAGS}

    def normalise(self, value):
        return {key: bool((value or {}).get(key)) for key in _FLAGS}

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_public_access_block(Bucket=ctx.bucket),
                                   {"NoSuchPublicAccessBlockConfiguration"}, {})
        config = response.get("PublicAccessBlockConfiguration") or {}
        return {key: bool(config.get(api)) for key, api in _FLAGS.items()}

    def write(self, ctx, desired, current):
        if not any(desired.values()):
            ctx.s3.delete_public_access_block(Bucket=ctx.bucket)
            return
        ctx.s3.put_public_access_block(Bucket=ctx.bucket, PublicAccessBlockConfiguration={
            api: desired[key] for key, api in _FLAGS.items()})


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


class AclFacet(Facet):
    name = "acl"
    absent = "private"

    def read(self, ctx):
        response = ctx.s3.get_bucket_acl(Bucket=ctx.bucket)
        return canned_acl_from_grants(response.get("Grants"), (response.get("Owner") or {}).get("ID"))

    def write(self, ctx, desired, current):
        ctx.s3.put_bucket_acl(Bucket=ctx.bucket, ACL=desired)
