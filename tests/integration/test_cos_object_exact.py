"""cos_object made exact: copies that stay settled, Object Lock sent with the upload, tags returned,
bad input refused before any call, and the options amazon.aws users expect (ACL, website redirect,
copy by prefix, reading into a variable, overwrite=latest)."""
from __future__ import annotations

import base64
import os
import time

from checks import object_task
from cos_stack.admin import writes

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def test_copy_of_a_multipart_object_with_new_metadata_settles_in_one_run(ansible, stack, s3, bucket, tmp_path):
    from ibm_boto3.s3.transfer import TransferConfig

    big = tmp_path / "parts.bin"
    big.write_bytes(os.urandom(17 * 1024 * 1024))
    s3.upload_file(str(big), bucket, "src/parts.bin", Config=TransferConfig(multipart_threshold=8 << 20,
                                                                            multipart_chunksize=8 << 20))
    source = {"bucket": bucket, "key": "src/parts.bin"}
    assert ansible.module("cos_object", dict(bucket=bucket, key="copy.bin", copy_source=source))["changed"]
    task = dict(bucket=bucket, key="copy.bin", copy_source=source, metadata={"release": "1.0"})
    stack.reset_counters()
    updated = ansible.module("cos_object", task)
    assert updated["_status"] == "ok" and updated["actions"] == ["updated metadata"], updated.get("msg")
    # Part for part at the object's own part size: the multipart ETag stays the source's.
    assert writes(stack.counters()) == {"CreateMultipartUpload": 1, "UploadPartCopy": 3, "CompleteMultipartUpload": 1}
    head = s3.head_object(Bucket=bucket, Key="copy.bin")
    assert head["Metadata"] == {"release": "1.0"} and head["ContentLength"] == big.stat().st_size
    assert head["ETag"] == s3.head_object(Bucket=bucket, Key="src/parts.bin")["ETag"]
    stack.reset_counters()
    again = ansible.module("cos_object", task)
    assert again["changed"] is False, again.get("actions")
    assert writes(stack.counters()) == {}


def test_retention_goes_with_a_single_part_upload_in_either_case(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name, ObjectLockEnabledForBucket=True)
    task = dict(bucket=bucket_name, key="locked", content="keep me", legal_hold=True,
                retention={"mode": "GOVERNANCE", "retain_until": "2099-01-01"}, tags={"case": "7"})
    stack.reset_counters()
    first = ansible.module("cos_object", task)
    assert first["_status"] == "ok" and first["changed"], first.get("msg")
    assert writes(stack.counters()) == {"PutObject": 1, "PutObjectTagging": 1}, "no unprotected moment"
    assert first["tags"] == {"case": "7"}
    head = s3.head_object(Bucket=bucket_name, Key="locked")
    assert head["ObjectLockMode"] == "GOVERNANCE" and head["ObjectLockLegalHoldStatus"] == "ON"
    assert head["ObjectLockRetainUntilDate"].year == 2099
    stack.reset_counters()
    lower = ansible.module("cos_object", dict(task, retention={"mode": "governance", "retain_until": "2099-01-01"}))
    assert lower["changed"] is False and writes(stack.counters()) == {}
    assert lower["tags"] == {"case": "7"}
    s3.put_object_legal_hold(Bucket=bucket_name, Key="locked", LegalHold={"Status": "OFF"})


def test_a_refused_retention_after_a_multipart_upload_removes_the_new_object(ansible, stack, s3, bucket_name,
                                                                              tmp_path):
    s3.create_bucket(Bucket=bucket_name, ObjectLockEnabledForBucket=True)
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(11 * 1024 * 1024))
    stack.set_fault("PutObjectRetention", status=500, bucket=bucket_name)
    try:
        result = ansible.module("cos_object", dict(bucket=bucket_name, key="big.bin", src=str(big), part_size_mb=5,
                                                   retries=0, retention={"mode": "compliance",
                                                                         "retain_until": "2099-01-01"}))
    finally:
        stack.clear_faults()
    assert result["_status"] == "failed" and "deleted again" in result["msg"], result.get("msg")
    listing = s3.list_object_versions(Bucket=bucket_name, Prefix="big.bin")
    assert not listing.get("Versions"), "no unprotected object stays"


def test_tags_are_returned_also_when_not_managed(ansible, s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"x")
    s3.put_object_tagging(Bucket=bucket, Key="t", Tagging={"TagSet": [{"Key": "owner", "Value": "ops"}]})
    result = ansible.module("cos_object", dict(bucket=bucket, key="t", content="x"))
    assert result["changed"] is False and result["tags"] == {"owner": "ops"}


def test_acl_on_upload_and_as_desired_state(ansible, stack, s3, bucket):
    def public():
        grants = s3.get_object_acl(Bucket=bucket, Key="page.html")["Grants"]
        return any(g["Grantee"].get("URI") == ALL_USERS and g["Permission"] == "READ" for g in grants)

    task = dict(bucket=bucket, key="page.html", content="<p>hi</p>", acl="public-read")
    stack.reset_counters()
    assert ansible.module("cos_object", task)["changed"] is True
    assert writes(stack.counters()) == {"PutObject": 1} and public()
    stack.reset_counters()
    assert ansible.module("cos_object", task)["changed"] is False and writes(stack.counters()) == {}
    private = ansible.module("cos_object", dict(task, acl="private"))
    assert private["actions"] == ["set acl private"] and not public()


def test_website_redirect_location_is_set_and_converged(ansible, stack, s3, bucket):
    task = dict(bucket=bucket, key="old/index.html", content="", website_redirect_location="/new/index.html")
    assert ansible.module("cos_object", task)["changed"] is True
    assert s3.head_object(Bucket=bucket, Key="old/index.html")["WebsiteRedirectLocation"] == "/new/index.html"
    stack.reset_counters()
    assert ansible.module("cos_object", task)["changed"] is False and writes(stack.counters()) == {}
    moved = ansible.module("cos_object", dict(task, website_redirect_location="https://example.com/"))
    assert moved["actions"] == ["updated metadata"]
    assert s3.head_object(Bucket=bucket, Key="old/index.html")["WebsiteRedirectLocation"] == "https://example.com/"


def test_copy_by_prefix_is_parallel_exact_and_idempotent(ansible, stack, s3, bucket):
    for index in range(5):
        s3.put_object(Bucket=bucket, Key="rel/1.0/f%d.txt" % index, Body=b"file %d" % index)
    s3.put_object(Bucket=bucket, Key="rel/2.0/other.txt", Body=b"not copied")
    task = dict(bucket=bucket, key="rel/latest/", copy_source={"bucket": bucket, "prefix": "rel/1.0/"})
    stack.reset_counters()
    first = ansible.module("cos_object", task)
    assert first["_status"] == "ok" and first["changed"], first.get("msg")
    assert first["copied"] == ["rel/latest/f%d.txt" % i for i in range(5)]
    assert writes(stack.counters()) == {"CopyObject": 5}
    for index in range(5):
        body = s3.get_object(Bucket=bucket, Key="rel/latest/f%d.txt" % index)["Body"].read()
        assert body == b"file %d" % index
    stack.reset_counters()
    again = ansible.module("cos_object", task)
    assert again["changed"] is False and again["copied"] == [] and writes(stack.counters()) == {}


def test_return_content_reads_text_and_bytes_within_a_limit(ansible, stack, s3, bucket):
    s3.put_object(Bucket=bucket, Key="t.txt", Body="héllo".encode())
    s3.put_object(Bucket=bucket, Key="b.bin", Body=b"\xff\x00\x01")
    stack.reset_counters()
    text, binary, big = ansible.playbook([object_task(bucket, "t.txt", return_content=True),
                                          object_task(bucket, "b.bin", return_content=True),
                                          object_task(bucket, "t.txt", return_content=True, max_content_bytes=3)])
    assert text["changed"] is False and text["content"] == "héllo"
    assert base64.b64decode(binary["content_base64"]) == b"\xff\x00\x01"
    assert big["_status"] == "failed" and "max_content_bytes" in big["msg"]
    assert writes(stack.counters()) == {}


def test_overwrite_latest_uploads_only_a_newer_local_file(ansible, stack, s3, bucket, tmp_path):
    local = tmp_path / "f.txt"
    local.write_bytes(b"local, older")
    os.utime(local, (time.time() - 3600, time.time() - 3600))
    s3.put_object(Bucket=bucket, Key="f.txt", Body=b"remote, newer")
    stack.reset_counters()
    older = ansible.module("cos_object", dict(bucket=bucket, key="f.txt", src=str(local), overwrite="latest"))
    assert older["changed"] is False and writes(stack.counters()) == {}
    os.utime(local, (time.time() + 60, time.time() + 60))
    newer = ansible.module("cos_object", dict(bucket=bucket, key="f.txt", src=str(local), overwrite="latest"))
    assert newer["changed"] is True
    assert s3.get_object(Bucket=bucket, Key="f.txt")["Body"].read() == b"local, older"


B = "it-object-bad-input-never-created"
BAD_INPUT = [
    ({"key": "k" * 1025, "content": "x"}, ["key", "1024"]),
    ({"key": "", "content": "x"}, ["key", "empty"]),
    ({"key": "k", "content_base64": "not base64!"}, ["content_base64", "base64"]),
    ({"key": "k", "content": "x", "metadata": {"owner": "Zoë"}}, ["metadata", "ASCII"]),
    ({"key": "k", "content": "x", "tags": {"t%d" % i: "v" for i in range(11)}}, ["tags", "at most 10"]),
    ({"key": "k", "content": "x", "tags": {"k" * 129: "v"}}, ["tags", "1-128"]),
    ({"key": "k", "content": "x", "tags": {"k": "v" * 257}}, ["tags", "256"]),
    ({"key": "k", "content": "x", "tags": {"ibm:x": "v"}}, ["tags", "ibm:"]),
    ({"key": "k", "content": "x", "cache_control": "no-cache\r\nX-Evil: 1"}, ["cache_control", "CR or LF"]),
    ({"key": "k", "content": "x", "content_type": "text/plain\n"}, ["content_type", "CR or LF"]),
    ({"key": "k", "legal_hold_ids": ["bad id"]}, ["legal_hold_ids", "1-64"]),
    ({"key": "k", "legal_hold_ids": ["x" * 65]}, ["legal_hold_ids", "1-64"]),
    ({"key": "k", "content": "x", "retention": {"mode": "forever", "retain_until": "2099-01-01"}},
     ["retention.mode", "GOVERNANCE", "COMPLIANCE"]),
    ({"key": "k", "content": "x", "retention": {"mode": "governance", "retain_until": "2001-01-01"}},
     ["retention.retain_until", "future"]),
    ({"key": "k", "content": "x", "website_redirect_location": "example.com"},
     ["website_redirect_location", "https://"]),
]


def test_bad_input_is_refused_before_any_call(ansible, stack, tmp_path):
    env = {"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "fresh-cache")}
    play = [{"name": "bad", "ibm.cos.cos_object": "{{ item }}",
             "loop": [dict({"bucket": B}, **args) for args, _ in BAD_INPUT]}]
    stack.reset_counters()
    results = ansible.playbook(play, env=env, forks=1)[0]["results"]
    problems = []
    for (args, words), result in zip(BAD_INPUT, results):
        msg = str(result.get("msg", ""))
        missing = [w for w in words if w not in msg]
        if not result.get("failed") or missing:
            problems.append("%s: %r lacks %s" % (sorted(args), msg, missing))
    assert not problems, problems
    assert stack.counters() == {}, "no call at all, not even the IAM token exchange"


def test_presign_with_only_an_api_key_is_refused_before_the_token_exchange(ansible, stack, tmp_path):
    env = {"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "fresh-cache"),
           "IBM_COS_HMAC_ACCESS_KEY_ID": None, "IBM_COS_HMAC_SECRET_ACCESS_KEY": None}
    stack.reset_counters()
    result = ansible.module("cos_object", dict(bucket=B, key="k", presign="get"), env=env)
    assert result["_status"] == "failed" and "hmac_access_key_id" in result["msg"], result.get("msg")
    assert stack.counters() == {}


def test_legal_hold_refusals_say_what_they_mean(ansible, s3, bucket):
    s3.put_object(Bucket=bucket, Key="plain", Body=b"no retention")
    result = ansible.module("cos_object", dict(bucket=bucket, key="plain", legal_hold_ids=["case-1"]))
    assert result["_status"] == "failed" and "has no retention period" in result["msg"], result.get("msg")
