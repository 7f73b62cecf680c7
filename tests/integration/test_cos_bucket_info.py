"""cos_bucket_info reads only the settings asked for, one call each, and reports what COS holds."""
from __future__ import annotations

from cos_stack.admin import reads, writes

AUTH_OPS = ("iam_token", "endpoints_doc")


def s3_reads(ops):
    return {op: n for op, n in reads(ops).items() if op not in AUTH_OPS}


def test_only_the_named_settings_are_read(ansible, stack, s3, bucket_name, cos_env):
    s3.create_bucket(Bucket=bucket_name, CreateBucketConfiguration={"LocationConstraint": "us-south-standard"})
    s3.put_bucket_versioning(Bucket=bucket_name, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_acl(Bucket=bucket_name, ACL="public-read")
    stack.reset_counters()
    result = ansible.module("cos_bucket_info", {"name": [bucket_name], "settings": ["versioning", "acl"]})
    assert result["_status"] == "ok", result.get("msg")
    [bucket] = result["buckets"]
    assert bucket["versioning"] is True and bucket["acl"] == "public-read"
    assert "cors_rules" not in bucket and "firewall" not in bucket
    ops = stack.counters()
    assert s3_reads(ops) == {"ListBucketsExtended": 1, "GetBucketVersioning": 1, "GetBucketAcl": 1}
    assert writes(ops) == {}


def test_every_setting_is_read_once_and_key_protect_is_reported(ansible, stack, s3, bucket_name, cos_env):
    s3.create_bucket(Bucket=bucket_name, CreateBucketConfiguration={"LocationConstraint": "us-south-smart"},
                     IBMSSEKPEncryptionAlgorithm="AES256", IBMSSEKPCustomerRootKeyCrn=cos_env["IBM_KP_ROOT_KEY_CRN"])
    stack.reset_counters()
    result = ansible.module("cos_bucket_info", {"name": [bucket_name]})
    assert result["_status"] == "ok", result.get("msg")
    [bucket] = result["buckets"]
    assert bucket["key_protect_root_key_crn"] == cos_env["IBM_KP_ROOT_KEY_CRN"]
    assert bucket["usage"]["object_count"] == 0 and bucket["usage"]["crn"].endswith(":bucket:" + bucket_name)
    ops = stack.counters()
    assert writes(ops) == {}
    assert all(count == 1 for count in s3_reads(ops).values()), ops
    assert ops["HeadBucket"] == 1 and ops["config_get"] == 1
    # COS has no bucket tags: reading every setting does not ask for them
    assert "GetBucketTagging" not in ops and "tags" not in bucket


def test_missing_buckets_are_listed_not_failed(ansible, stack, bucket_name):
    result = ansible.module("cos_bucket_info", {"name": [bucket_name], "settings": ["versioning"]})
    assert result["_status"] == "ok" and result["buckets"] == [] and result["missing"] == [bucket_name]
    assert "GetBucketVersioning" not in stack.counters()


def test_check_mode_reads_the_same(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name, CreateBucketConfiguration={"LocationConstraint": "us-south-cold"})
    result = ansible.module("cos_bucket_info", {"name": [bucket_name], "settings": ["cors_rules"]}, check=True)
    assert result["_status"] == "ok" and result["buckets"][0]["storage_class"] == "cold"
    assert result["buckets"][0]["cors_rules"] == []


def test_asking_for_tags_is_refused_before_any_call(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    stack.reset_counters()
    result = ansible.module("cos_bucket_info", {"name": [bucket_name], "settings": ["versioning", "tags"]})
    assert result["_status"] == "failed"
    assert "no bucket tagging" in result["msg"] and "service instance" in result["msg"]
    assert {op: n for op, n in stack.counters().items() if n} == {}
