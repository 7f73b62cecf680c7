"""ACLs as COS keeps them: `private` and `public-read` only, BlockPublicAcls refusing public
ones, and every permission of every grant in GetBucketAcl."""

import pytest

from cos_clients import status_of

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.mark.ledger("ACL-01")
@pytest.mark.parametrize("acl", ["public-read-write", "authenticated-read"])
def test_canned_acls_other_than_private_and_public_read_are_refused(s3, bucket, bucket_name, acl):
    assert status_of(lambda: s3.put_bucket_acl(Bucket=bucket, ACL=acl)) == 400
    assert status_of(lambda: s3.put_object(Bucket=bucket, Key="k", Body=b"x", ACL=acl)) == 400
    refused = bucket_name()
    assert status_of(lambda: s3.create_bucket(Bucket=refused, ACL=acl)) == 400
    assert refused not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


@pytest.mark.ledger("ACL-01", "ACL-02")
def test_public_read_and_private_are_accepted_and_read_back(s3, bucket):
    s3.put_bucket_acl(Bucket=bucket, ACL="public-read")
    public = s3.get_bucket_acl(Bucket=bucket)["Grants"]
    s3.put_bucket_acl(Bucket=bucket, ACL="private")
    private = s3.get_bucket_acl(Bucket=bucket)["Grants"]

    assert {(g["Grantee"].get("URI"), g["Permission"]) for g in public} >= {(ALL_USERS, "READ")}
    assert [g["Permission"] for g in private] == ["FULL_CONTROL"]


@pytest.mark.stack_only
@pytest.mark.ledger("ACL-02")
def test_every_permission_of_a_grant_is_listed():
    """In process: only a canned ACL COS refuses gives moto a grant with two permissions."""
    from types import SimpleNamespace
    from xml.etree import ElementTree

    from moto.s3.models import get_canned_acl

    from cos_stack.ibm.acls import acl_xml
    from cos_stack.store import moto_store

    moto_store.backend().create_bucket("acl-in-process", "us-east-1")
    try:
        moto_store.find_bucket("acl-in-process").acl = get_canned_acl("public-read-write")
        answer = acl_xml(SimpleNamespace(key=None), SimpleNamespace(name="acl-in-process"))
    finally:
        moto_store.backend().delete_bucket("acl-in-process")

    root = ElementTree.fromstring(answer.get_data())
    permissions = sorted(element.text for element in root.iter() if element.tag.endswith("Permission"))
    assert permissions == ["FULL_CONTROL", "READ", "WRITE"]


@pytest.mark.ledger("ACL-03")
def test_block_public_acls_refuses_a_public_acl(s3, bucket):
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": False})

    assert status_of(lambda: s3.put_bucket_acl(Bucket=bucket, ACL="public-read")) == 403
    assert status_of(lambda: s3.put_object(Bucket=bucket, Key="k", Body=b"x", ACL="public-read")) == 403
    s3.put_bucket_acl(Bucket=bucket, ACL="private")
    assert all(g["Grantee"].get("URI") != ALL_USERS for g in s3.get_bucket_acl(Bucket=bucket)["Grants"])
