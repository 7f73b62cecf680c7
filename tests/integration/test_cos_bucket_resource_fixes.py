"""cos_bucket and cos_bucket_info against the stack: one result under HMAC keys, a firewall that can
always be repaired, checks made before any call, names reserved after a delete, unfinished uploads,
and the Resource Configuration API retried through 503s."""
from __future__ import annotations

import time

from checks import assert_one_clear_line, only_iam
from harness import empty_and_delete_bucket

WRITES = ("CreateBucket", "DeleteBucket", "AbortMultipartUpload", "config_patch")


def hmac_only(cos_env):
    """The stack's environment with HMAC keys only (no IAM credential to fall back on)."""
    return {k: None for k in cos_env if k in ("IBMCLOUD_API_KEY", "IBM_COS_STACK_OTHER_API_KEY",
                                              "IBM_COS_STACK_WRITER_API_KEY", "IBM_TRUSTED_PROFILE_ID",
                                              "IBM_TRUSTED_PROFILE_NAME", "IBM_CR_TOKEN_FILE")}


def s3_calls(ops):
    return {op: n for op, n in ops.items() if not op.startswith(("config_", "iam_", "endpoints"))}


def warnings_of(result, runner):
    """The task's warnings: in its result, or as ansible-playbook printed them."""
    return " ".join(result.get("warnings") or []) + runner.last_stdout + runner.last_stderr


# 1. cos_bucket_info under HMAC keys: one result, settings it cannot read named in a warning.
def test_info_with_hmac_keys_and_all_settings_is_one_result_with_a_warning(ansible, stack, s3, bucket_name):
    names = [f"{bucket_name}-{i}" for i in range(3)]
    try:
        for name in names:
            s3.create_bucket(Bucket=name)
        s3.put_bucket_versioning(Bucket=names[0], VersioningConfiguration={"Status": "Enabled"})
        stack.reset_counters()
        results = ansible.playbook([{"ibm.cos.cos_bucket_info": {"name": names, "settings": ["all"]}}],
                                   env=hmac_only(ansible.cos_env))
        assert len(results) == 1, results
        [result] = results
        assert result["_status"] == "ok", result
        output = ansible.last_stdout + ansible.last_stderr
        assert "MODULE FAILURE" not in output
        assert [b["name"] for b in result["buckets"]] == names
        assert result["buckets"][0]["versioning"] is True
        assert "firewall" not in result["buckets"][0] and "usage" not in result["buckets"][0]
        said = warnings_of(result, ansible)
        assert "firewall" in said and "usage" in said and "HMAC" in said, said
        ops = stack.counters()
        assert not any(op.startswith("config_") for op in ops), ops
        assert ops.get("GetBucketVersioning") == 3, ops
    finally:
        for name in names:
            empty_and_delete_bucket(s3, name)


# 2. A firewall that leaves this client out does not lock the module out.
def test_a_firewall_that_blocks_s3_can_always_be_repaired(ansible, stack, s3, cos_env, bucket_name):
    env = only_iam(cos_env)
    blocking = {"name": bucket_name, "firewall": {"allowed_ip": ["10.0.0.0/8"]}}
    first = ansible.module("cos_bucket", blocking, env=env)
    assert first["_status"] == "ok" and first["changed"] is True, first
    stack.reset_counters()
    again = ansible.module("cos_bucket", blocking, env=env)
    assert again["_status"] == "ok" and again["changed"] is False, again
    ops = stack.counters()
    assert s3_calls(ops) == {}, ops
    assert ops.get("config_get") == 1 and not ops.get("config_patch"), ops

    mixed = ansible.module("cos_bucket", dict(blocking, versioning=True), env=env)
    assert_one_clear_line(mixed, ansible, "firewall", "10.0.0.0/8", bucket_name)

    stack.reset_counters()
    repaired = ansible.module("cos_bucket", {"name": bucket_name, "firewall": {}}, env=env)
    assert repaired["_status"] == "ok" and repaired["changed"] is True, repaired
    ops = stack.counters()
    assert s3_calls(ops) == {} and ops.get("config_patch") == 1, ops
    assert s3.head_bucket(Bucket=bucket_name)  # S3 reaches the bucket again


def test_a_config_only_task_creates_a_missing_bucket(ansible, stack, s3, cos_env, bucket_name):
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": bucket_name, "hard_quota": "1GB"}, env=only_iam(cos_env))
    assert result["_status"] == "ok" and result["created"] is True, result
    ops = stack.counters()
    assert ops.get("CreateBucket") == 1 and not ops.get("HeadBucket"), ops
    assert s3.head_bucket(Bucket=bucket_name)


# 3. Root key synonyms that disagree: refused before any call.
def test_root_key_synonyms_that_disagree_are_refused_before_any_call(ansible, stack, cos_env, s3, bucket_name):
    result = ansible.module("cos_bucket", {"name": bucket_name,
                                           "key_protect_root_key_crn": cos_env["IBM_KP_ROOT_KEY_CRN"],
                                           "hpcs_root_key_crn": cos_env["IBM_HPCS_ROOT_KEY_CRN"]})
    assert_one_clear_line(result, ansible, "hpcs_root_key_crn", "key_protect_root_key_crn")
    assert s3_calls(stack.counters()) == {}
    assert bucket_name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


def test_root_key_synonyms_that_agree_create_the_bucket(ansible, stack, cos_env, bucket_name):
    key = cos_env["IBM_KP_ROOT_KEY_CRN"]
    result = ansible.module("cos_bucket", {"name": bucket_name, "key_protect_root_key_crn": key,
                                           "kms_root_key_crn": key}, env=only_iam(cos_env))
    assert result["_status"] == "ok" and result["created"] is True, result
    assert result["facets"]["key_protect_root_key_crn"] == key


# 4. A bucket created without a location reports where it went.
def test_a_bucket_created_without_location_reports_it(ansible, stack, s3, bucket_name):
    result = ansible.module("cos_bucket", {"name": bucket_name})
    assert result["_status"] == "ok" and result["created"] is True, result
    assert result["location"] == "us-south-standard"
    assert stack.counters().get("GetBucketLocation") == 1
    assert s3.get_bucket_location(Bucket=bucket_name)["LocationConstraint"] == "us-south-standard"


# 5. A malformed location is refused before any call, naming the option.
def test_a_malformed_location_is_refused_before_any_call(ansible, stack, s3, bucket_name):
    for args, option in (({"location": "us_south"}, "location"),
                         ({"location": "us-south-smart"}, "location_constraint"),
                         ({"location_constraint": "US south-smart"}, "location_constraint")):
        result = ansible.module("cos_bucket", dict(args, name=bucket_name))
        assert_one_clear_line(result, ansible, option, "is not a COS location")
    assert s3_calls(stack.counters()) == {}


# 6. A name taken right after its delete: the message says it may be reserved.
def test_a_name_reserved_after_delete_says_so(ansible, stack, s3, bucket_name):
    stack.configure(name_reservation_seconds=30)
    try:
        s3.create_bucket(Bucket=bucket_name)
        s3.delete_bucket(Bucket=bucket_name)
        stack.reset_counters()
        result = ansible.module("cos_bucket", {"name": bucket_name})
        assert_one_clear_line(result, ansible, "reserved", "recent delete", bucket_name)
        assert stack.counters().get("CreateBucket") == 1
    finally:
        stack.configure(name_reservation_seconds=2)
        time.sleep(2)


# 7. Unfinished multipart uploads: named without force, aborted with it.
def test_unfinished_uploads_block_delete_until_force_aborts_them(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    s3.create_multipart_upload(Bucket=bucket_name, Key="half/done.bin")
    refused = ansible.module("cos_bucket", {"name": bucket_name, "state": "absent"})
    assert_one_clear_line(refused, ansible, "unfinished multipart upload", "force: true", "AbortMultipartUpload")
    assert s3.head_bucket(Bucket=bucket_name)
    stack.reset_counters()
    forced = ansible.module("cos_bucket", {"name": bucket_name, "state": "absent", "force": True})
    assert forced["_status"] == "ok" and forced["changed"] is True, forced
    assert forced["aborted_uploads"] == 1
    ops = stack.counters()
    assert ops.get("ListMultipartUploads") >= 1 and ops.get("AbortMultipartUpload") == 1, ops
    assert bucket_name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


# 8. The Resource Configuration API is retried through 503s.
def test_config_api_converges_through_thirty_percent_503s(ansible, stack, s3, cos_env, bucket_name):
    names = [f"{bucket_name}-{i}" for i in range(8)]
    try:
        for name in names:
            s3.create_bucket(Bucket=name)
        stack.reset_counters()
        stack.set_fault("config_get", status=503, rate=0.3)
        stack.set_fault("config_patch", status=503, rate=0.3)
        tasks = [{"ibm.cos.cos_bucket": {"name": name, "hard_quota": "3GB"}} for name in names]
        results = ansible.playbook(tasks, env=only_iam(cos_env))
        assert [r["_status"] for r in results] == ["ok"] * len(names), [r.get("msg") for r in results]
        assert all(r["changed"] for r in results)
        ops = stack.counters()
        # each bucket needs one good GET and one good PATCH; the surplus is the retries
        assert ops["config_get"] + ops["config_patch"] > 2 * len(names), ops
        stack.clear_faults()
        stack.reset_counters()
        again = ansible.playbook(tasks, env=only_iam(cos_env))
        assert [r["changed"] for r in again] == [False] * len(names)
        assert not stack.counters().get("config_patch")
    finally:
        stack.clear_faults()
        for name in names:
            empty_and_delete_bucket(s3, name)


# 9. What a new bucket cannot take is refused before CreateBucket, not after it.
def test_a_new_bucket_is_not_created_for_settings_it_cannot_take(ansible, stack, s3, bucket_name):
    for args, words in (
            ({"object_lock_default_retention": {"mode": "COMPLIANCE", "days": 1}}, ("object_lock: true",)),
            ({"replication_rules": [{"id": "r", "destination_bucket": "other"}]}, ("versioning: true",))):
        result = ansible.module("cos_bucket", dict(args, name=bucket_name))
        assert_one_clear_line(result, ansible, *words)
        ops = stack.counters()
        assert not ops.get("CreateBucket"), ops
        assert bucket_name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
