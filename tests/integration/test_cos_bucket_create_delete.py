"""cos_bucket creation-time settings (location, class, Key Protect, Object Lock), retention rules
and deletion, against the local stack."""
from __future__ import annotations

from cos_stack.admin import reads, writes
from test_cos_bucket_facets import run_counted

S3_OPS_PREFIXES = ("Head", "Get", "Put", "Create", "Delete", "List", "config_")


def test_create_with_location_class_and_key_protect_then_immutables_are_only_compared(
        ansible, cos_env, stack, s3, bucket_name):
    key = cos_env["IBM_KP_ROOT_KEY_CRN"]
    other_key = cos_env["IBM_HPCS_ROOT_KEY_CRN"]
    create = {"location": "us-south", "storage_class": "smart", "key_protect_root_key_crn": key}
    (first, first_ops), (second, second_ops), (rekey, rekey_ops), (reclass, reclass_ops) = run_counted(
        ansible, cos_env, stack, bucket_name, [
            (create, {}), (create, {}),
            ({"key_protect_root_key_crn": other_key}, {}),
            ({"location_constraint": "us-south-cold", "versioning": True}, {})])

    assert first["changed"] and first["created"] and first["location"] == "us-south-smart"
    assert writes(first_ops) == {"CreateBucket": 1}
    assert first["crn"].endswith(f":bucket:{bucket_name}")
    headers = s3.head_bucket(Bucket=bucket_name)["ResponseMetadata"]["HTTPHeaders"]
    assert headers["ibm-sse-kp-enabled"].lower() == "true" and headers["ibm-sse-kp-crk-id"] == key

    assert second["changed"] is False and writes(second_ops) == {}
    assert reads(second_ops) == {"HeadBucket": 1, "GetBucketLocation": 1}

    assert rekey["_status"] == "failed" and writes(rekey_ops) == {}
    assert "key_protect_root_key_crn cannot change" in rekey["msg"]
    assert key in rekey["msg"] and other_key in rekey["msg"] and "create a new bucket" in rekey["msg"]

    # the immutable check runs before any other setting is written
    assert reclass["_status"] == "failed" and writes(reclass_ops) == {}
    assert "'us-south-smart'" in reclass["msg"] and "'us-south-cold'" in reclass["msg"]
    assert "location_constraint" in reclass["msg"]


def test_unknown_root_key_says_what_to_check(ansible, stack, s3, bucket_name):
    unknown = "crn:v1:bluemix:public:kms:us-south:a/5a0c0ffee0000000000000000000c05a:0000:key:not-a-key"
    result = ansible.module("cos_bucket", {"name": bucket_name, "key_protect_root_key_crn": unknown})
    assert result["_status"] == "failed"
    assert "could not be found" in result["msg"] and "Reader" in result["msg"]
    assert bucket_name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


def test_invalid_name_fails_before_any_call(ansible, stack):
    result = ansible.module("cos_bucket", {"name": "Bad_Bucket..Name", "versioning": True})
    assert result["_status"] == "failed"
    assert "Invalid bucket name" in result["msg"] and "'_'" in result["msg"]
    assert not [op for op in stack.counters() if op.startswith(S3_OPS_PREFIXES)]


def test_check_mode_create_writes_nothing_and_diff_shows_the_bucket(ansible, stack, s3, bucket_name):
    result = ansible.module("cos_bucket", {"name": bucket_name, "versioning": True, "acl": "private"},
                            check=True, diff=True)
    assert result["changed"] and result["created"]
    assert result["diff"]["before"] == {"state": "absent"}
    assert result["diff"]["after"]["versioning"] is True and result["diff"]["after"]["state"] == "present"
    assert writes(stack.counters()) == {}
    assert bucket_name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


def test_object_lock_at_creation_is_kept_and_compared(ansible, cos_env, stack, s3, bucket_name):
    locked = {"object_lock": True, "object_lock_default_retention": {"days": 1}}
    (first, _), (second, second_ops), (unlock, unlock_ops) = run_counted(ansible, cos_env, stack, bucket_name, [
        (locked, {}), (locked, {}), ({"object_lock": False}, {})])
    assert first["changed"] and first["facets"]["object_lock"] is True
    lock = s3.get_object_lock_configuration(Bucket=bucket_name)["ObjectLockConfiguration"]
    assert lock["ObjectLockEnabled"] == "Enabled" and lock["Rule"]["DefaultRetention"]["Days"] == 1
    assert second["changed"] is False and writes(second_ops) == {}
    assert reads(second_ops) == {"HeadBucket": 1, "GetObjectLockConfiguration": 1}  # shared by both
    assert unlock["_status"] == "failed" and writes(unlock_ops) == {}
    assert "Object Lock cannot be disabled" in unlock["msg"]


def test_retention_policy_only_extends(ansible, cos_env, stack, s3, bucket_name):
    policy = {"minimum_days": 1, "default_days": 2, "maximum_days": 30}
    steps = run_counted(ansible, cos_env, stack, bucket_name, [
        ({"retention": policy}, {}),
        ({"retention": policy}, {}),
        ({"retention": dict(policy, maximum_days=60)}, {"check_mode": True, "diff": True}),
        ({"retention": dict(policy, maximum_days=60)}, {}),
        ({"retention": dict(policy, default_days=1, maximum_days=60)}, {}),
        ({"retention": {}}, {}),
    ])
    (first, _), (second, second_ops), (check, check_ops), (extend, _), (shorten, shorten_ops), (drop, drop_ops) = steps
    assert first["changed"]
    assert second["changed"] is False and writes(second_ops) == {}
    assert reads(second_ops) == {"HeadBucket": 1, "GetBucketProtectionConfiguration": 1}
    assert check["changed"] and writes(check_ops) == {}
    assert check["diff"]["before"]["retention"]["maximum_days"] == 30
    assert check["diff"]["after"]["retention"]["maximum_days"] == 60
    assert extend["changed"]
    assert shorten["_status"] == "failed" and writes(shorten_ops) == {}
    assert "default_days would go from 2 down to 1" in shorten["msg"]
    assert drop["_status"] == "failed" and writes(drop_ops) == {}
    assert "removing a retention policy" in drop["msg"]
    config = s3.get_bucket_protection_configuration(Bucket=bucket_name)["ProtectionConfiguration"]
    assert config["MaximumRetention"]["Days"] == 60 and config["DefaultRetention"]["Days"] == 2


def fill_versioned_bucket(s3, bucket):
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    for key in ("a.txt", "b.txt", "dir/c.txt"):
        for body in (b"one", b"two"):
            s3.put_object(Bucket=bucket, Key=key, Body=body)
    s3.delete_object(Bucket=bucket, Key="b.txt")  # a delete marker
    s3.create_multipart_upload(Bucket=bucket, Key="big.bin")


def inventory(s3, bucket):
    versions = s3.list_object_versions(Bucket=bucket)
    return (len(versions.get("Versions", [])), len(versions.get("DeleteMarkers", [])),
            len(s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])))


def test_delete_refuses_a_non_empty_bucket_without_force_then_force_removes_everything(
        ansible, cos_env, stack, s3, bucket_name):
    fill_versioned_bucket(s3, bucket_name)
    assert inventory(s3, bucket_name) == (6, 1, 1)
    steps = run_counted(ansible, cos_env, stack, bucket_name, [
        ({"state": "absent"}, {}),
        ({"state": "absent"}, {"check_mode": True}),
        ({"state": "absent", "force": True}, {"check_mode": True, "diff": True}),
        ({"state": "absent", "force": True}, {}),
        ({"state": "absent", "force": True}, {}),
    ])
    (refused, refused_ops), (check, check_ops), (check_force, force_check_ops), (deleted, deleted_ops), (gone, _) = steps

    assert refused["_status"] == "failed" and "not empty" in refused["msg"] and "force: true" in refused["msg"]
    assert check["_status"] == "failed" and "not empty" in check["msg"] and writes(check_ops) == {}
    assert check_force["changed"] and writes(force_check_ops) == {}
    assert check_force["diff"] == {"before": {"state": "present"}, "after": {"state": "absent"}}
    assert deleted["changed"] and deleted["deleted_versions"] == 7 and deleted["aborted_uploads"] == 1
    assert writes(deleted_ops) == {"DeleteObjects": 1, "AbortMultipartUpload": 1, "DeleteBucket": 1}
    assert gone["changed"] is False
    assert bucket_name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


def test_refusal_without_force_leaves_every_object(ansible, stack, s3, bucket_name):
    fill_versioned_bucket(s3, bucket_name)
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": bucket_name, "state": "absent"})
    assert result["_status"] == "failed"
    assert inventory(s3, bucket_name) == (6, 1, 1)
    assert writes(stack.counters()) == {"DeleteBucket": 1}


def test_force_delete_stops_at_held_objects_and_names_them(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    s3.put_bucket_protection_configuration(Bucket=bucket_name, ProtectionConfiguration={
        "Status": "Retention", "MinimumRetention": {"Days": 0}, "DefaultRetention": {"Days": 0},
        "MaximumRetention": {"Days": 1}})
    for key in ("free-1", "held", "free-2"):
        s3.put_object(Bucket=bucket_name, Key=key, Body=b"x")
    s3.add_legal_hold(Bucket=bucket_name, Key="held", RetentionLegalHoldId="audit-2026")
    result = ansible.module("cos_bucket", {"name": bucket_name, "state": "absent", "force": True})
    assert result["_status"] == "failed"
    assert "'held' (version null: AccessDenied)" in result["msg"] and "legal hold" in result["msg"]
    assert "free-1" not in result["msg"]
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket_name).get("Contents", [])] == ["held"]
    assert "DeleteBucket" not in stack.counters()


def test_location_of_another_endpoint_is_explained(ansible, stack, bucket_name):
    result = ansible.module("cos_bucket", {"name": bucket_name, "location": "eu-de", "storage_class": "cold"})
    assert result["_status"] == "failed"
    assert "does not match the endpoint" in result["msg"] and "eu-de-cold" in result["msg"]


def test_own_bucket_in_another_location_is_pointed_at(ansible, cos_env, stack, s3, bucket_name):
    import ibm_boto3

    port = int(cos_env["IBM_COS_ENDPOINT"].rsplit(":", 1)[1]) + 1  # the stack's eu-de endpoint
    eu_de = ibm_boto3.client("s3", aws_access_key_id=cos_env["IBM_COS_HMAC_ACCESS_KEY_ID"],
                             aws_secret_access_key=cos_env["IBM_COS_HMAC_SECRET_ACCESS_KEY"],
                             endpoint_url=f"https://127.0.0.1:{port}", verify=cos_env["IBM_COS_CA_BUNDLE"])
    eu_de.create_bucket(Bucket=bucket_name, CreateBucketConfiguration={"LocationConstraint": "eu-de-standard"})
    try:
        result = ansible.module("cos_bucket", {"name": bucket_name, "versioning": True})
        assert result["_status"] == "failed"
        assert "already exists in this service instance" in result["msg"] and "'eu-de-standard'" in result["msg"]
    finally:
        eu_de.delete_bucket(Bucket=bucket_name)


def test_config_api_settings_with_hmac_keys_fail_before_any_call(ansible, stack, s3, bucket_name):
    result = ansible.module("cos_bucket", {"name": bucket_name, "versioning": True, "hard_quota": "1GB"},
                            env={"IBMCLOUD_API_KEY": None, "IBM_TRUSTED_PROFILE_ID": None,
                                 "IBM_TRUSTED_PROFILE_NAME": None, "IBM_CR_TOKEN_FILE": None})
    assert result["_status"] == "failed"
    assert "needs IAM auth" in result["msg"] and "HMAC" in result["msg"]
    assert stack.counters_by_bucket().get(bucket_name, {}) == {}
