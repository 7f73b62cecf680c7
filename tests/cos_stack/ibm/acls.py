"""ACLs as COS keeps them: only the `private` and `public-read` canned ACLs, a public ACL refused
under BlockPublicAcls, and GetBucketAcl / GetObjectAcl listing every permission of every grant
(moto shows only the first permission of a grant)."""

from xml.sax.saxutils import escape

from werkzeug.wrappers import Response

from ..store import moto_store
from ..web.replies import S3Refusal
from ..web.wsgi_util import read_body

# ledger: ACL-01
CANNED_ACLS = ("private", "public-read")
ACL_WRITES = {"CreateBucket", "PutBucketAcl", "PutObject", "PutObjectAcl", "CopyObject",
              "CreateMultipartUpload"}
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def check_canned_acl(call):
    acl = call.request.headers.get("x-amz-acl")
    if acl is not None and acl not in CANNED_ACLS:
        # ledger: ACL-01
        raise S3Refusal("InvalidArgument", 400,
                        f"Unsupported ACL {acl!r}: COS accepts only {' and '.join(CANNED_ACLS)}.")


def _asks_public(call):
    if call.request.headers.get("x-amz-acl") == "public-read":
        return True
    if any(ALL_USERS in (call.request.headers.get(name) or "") for name in
           ("x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp",
            "x-amz-grant-write-acp", "x-amz-grant-full-control")):
        return True
    return call.op in ("PutBucketAcl", "PutObjectAcl") and ALL_USERS.encode() in read_body(
        call.request.environ)


def check_public_acl_block(call, record):
    bucket = moto_store.find_bucket(record.name)
    block = getattr(bucket, "public_access_block", None)
    if block is not None and block.block_public_acls and _asks_public(call):
        # ledger: ACL-03
        raise S3Refusal("AccessDenied", 403, "The bucket's BlockPublicAcls refuses public ACLs.")


def _grantee_xml(grantee):
    if grantee.uri:
        return (f'<Grantee xmlns:xsi="{XSI}" xsi:type="Group"><URI>{escape(grantee.uri)}</URI>'
                "</Grantee>")
    name = f"<DisplayName>{escape(grantee.display_name)}</DisplayName>" if grantee.display_name else ""
    return (f'<Grantee xmlns:xsi="{XSI}" xsi:type="CanonicalUser"><ID>{escape(grantee.id)}</ID>'
            f"{name}</Grantee>")


# ledger: ACL-02
def acl_xml(call, record):
    """GetBucketAcl / GetObjectAcl with one Grant per grantee and permission."""
    bucket = moto_store.find_bucket(record.name)
    if call.key:
        target = moto_store.current_object(record.name, call.key)
        if target is None:
            raise S3Refusal("NoSuchKey", 404, "The specified key does not exist.")
    else:
        target = bucket
    acl = target.acl
    grants = "".join(
        f"<Grant>{_grantee_xml(grantee)}<Permission>{escape(permission)}</Permission></Grant>"
        for grant in (acl.grants if acl else [])
        for grantee in grant.grantees
        for permission in grant.permissions
    )
    owner = moto_store.owner()
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy xmlns="{NAMESPACE}">'
            f"<Owner><ID>{escape(owner['ID'])}</ID><DisplayName>{escape(owner['DisplayName'])}"
            f"</DisplayName></Owner><AccessControlList>{grants}</AccessControlList>"
            "</AccessControlPolicy>")
    return Response(body, content_type="application/xml")
