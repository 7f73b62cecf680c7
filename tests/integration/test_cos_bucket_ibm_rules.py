"""cos_bucket follows what IBM documents for COS buckets, against the local stack.

Bucket tags do not exist (refused before any call); only the `private` and `public-read` ACLs;
at most 100 CORS rules, written as the task gives them; Object Lock enabled on an existing
versioned bucket but never disabled, its configuration never without a rule; retention periods up
to 36135 days; the firewall needs the Manager role.
"""
from __future__ import annotations

import pytest

from cos_stack.admin import reads, writes

LOCK_RULE = {"object_lock": True, "object_lock_default_retention": {"mode": "governance", "days": 2}}


def calls(stack):
    return {op: n for op, n in stack.counters().items() if n}


def writer_env(cos_env):
    """The environment of a key with the Writer role on the instance (the stack's env file has one)."""
    if not cos_env.get("IBM_COS_STACK_WRITER_API_KEY"):
        pytest.skip("needs a key with the Writer role (IBM_COS_STACK_WRITER_API_KEY)")
    return {"IBMCLOUD_API_KEY": cos_env["IBM_COS_STACK_WRITER_API_KEY"]}


def lock_configuration(s3, bucket):
    return s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"]


def default_retention(s3, bucket):
    """The bucket's default retention, without the unit COS fills with 0."""
    rule = lock_configuration(s3, bucket)["Rule"]["DefaultRetention"]
    return {key: value for key, value in rule.items() if value}


# --- refused before any call ---------------------------------------------------------------------

@pytest.mark.parametrize("args, fragment", [
    ({"tags": {"team": "web"}}, "no bucket tagging"),
    ({"tags": {}, "purge_tags": True}, "no bucket tagging"),
    ({"purge_tags": False}, "no bucket tagging"),
    ({"acl": "public-read-write"}, "private, public-read"),
    ({"acl": "authenticated-read"}, "private, public-read"),
    ({"cors_rules": [{"allowed_origins": ["*"], "allowed_methods": ["GET"]}] * 101}, "at most 100"),
    ({"object_lock_default_retention": {"mode": "GOVERNANCE"}}, "needs days or years"),
    ({"object_lock_default_retention": {"days": 0}}, "days must be 1 to 36500"),
    ({"object_lock_default_retention": {"days": 36501}}, "days must be 1 to 36500"),
    ({"object_lock_default_retention": {"years": 101}}, "years must be 1 to 100"),
    ({"object_lock_default_retention": {"days": 1, "years": 1}}, "not both"),
    ({"object_lock_default_retention": {"mode": "legal", "days": 1}}, "COMPLIANCE or GOVERNANCE"),
    ({"retention": {"minimum_days": 0, "default_days": 1, "maximum_days": 36136}}, "outside 0-36135"),
])
def test_what_cos_does_not_offer_is_refused_before_any_call(ansible, stack, s3, bucket_name, args, fragment):
    s3.create_bucket(Bucket=bucket_name)
    stack.reset_counters()
    result = ansible.module("cos_bucket", dict(args, name=bucket_name))
    assert result["_status"] == "failed"
    assert fragment in result["msg"], result["msg"]
    assert calls(stack) == {}


def test_tag_refusal_points_to_the_service_instance(ansible, stack, bucket_name):
    result = ansible.module("cos_bucket", {"name": bucket_name, "tags": {"team": "web"}})
    assert result["_status"] == "failed"
    assert "IBM Cloud tags" in result["msg"] and "service instance" in result["msg"]
    assert calls(stack) == {}


# --- Object Lock --------------------------------------------------------------------------------

def test_object_lock_is_enabled_on_an_existing_versioned_bucket(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    s3.put_bucket_versioning(Bucket=bucket_name, VersioningConfiguration={"Status": "Enabled"})
    stack.reset_counters()
    first = ansible.module("cos_bucket", dict(LOCK_RULE, name=bucket_name))
    assert first["_status"] == "ok", first.get("msg")
    assert first["changed"] and first["changed_facets"] == ["object_lock", "object_lock_default_retention"]
    assert writes(calls(stack)) == {"PutObjectLockConfiguration": 1}
    config = lock_configuration(s3, bucket_name)
    assert config["ObjectLockEnabled"] == "Enabled"
    assert default_retention(s3, bucket_name) == {"Mode": "GOVERNANCE", "Days": 2}

    stack.reset_counters()
    again = ansible.module("cos_bucket", dict(LOCK_RULE, name=bucket_name,
                                              object_lock_default_retention={"mode": "GOVERNANCE", "days": 2}))
    assert again["_status"] == "ok" and again["changed"] is False
    assert writes(calls(stack)) == {}
    assert reads(calls(stack)).get("GetObjectLockConfiguration") == 1


def test_versioning_in_the_same_task_comes_first(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    result = ansible.module("cos_bucket", dict(LOCK_RULE, name=bucket_name, versioning=True))
    assert result["_status"] == "ok", result.get("msg")
    assert s3.get_bucket_versioning(Bucket=bucket_name)["Status"] == "Enabled"
    assert lock_configuration(s3, bucket_name)["Rule"]["DefaultRetention"]["Days"] == 2


def test_enabling_object_lock_without_a_rule_fails_before_any_write(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    s3.put_bucket_versioning(Bucket=bucket_name, VersioningConfiguration={"Status": "Enabled"})
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": bucket_name, "object_lock": True})
    assert result["_status"] == "failed"
    assert "needs object_lock_default_retention" in result["msg"]
    assert writes(calls(stack)) == {}


def test_object_lock_cannot_be_disabled_and_its_rule_not_removed(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name, ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(Bucket=bucket_name, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 3}}})
    stack.reset_counters()
    disabled = ansible.module("cos_bucket", {"name": bucket_name, "object_lock": False})
    removed = ansible.module("cos_bucket", {"name": bucket_name, "object_lock_default_retention": {}})
    assert disabled["_status"] == "failed" and "cannot be disabled" in disabled["msg"]
    assert removed["_status"] == "failed" and "cannot remove a default retention" in removed["msg"]
    assert writes(calls(stack)) == {}
    assert default_retention(s3, bucket_name) == {"Mode": "COMPLIANCE", "Days": 3}

    stack.reset_counters()
    shorter = ansible.module("cos_bucket", {"name": bucket_name, "object_lock_default_retention": {"days": 1}})
    assert shorter["_status"] == "ok" and shorter["changed"]
    assert writes(calls(stack)) == {"PutObjectLockConfiguration": 1}
    assert default_retention(s3, bucket_name) == {"Mode": "COMPLIANCE", "Days": 1}


# --- retention ------------------------------------------------------------------------------------

def test_retention_up_to_36135_days_converges_once(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    policy = {"minimum_days": 1, "default_days": 30, "maximum_days": 36135}
    first = ansible.module("cos_bucket", {"name": bucket_name, "retention": policy})
    assert first["_status"] == "ok" and first["changed"], first.get("msg")
    config = s3.get_bucket_protection_configuration(Bucket=bucket_name)["ProtectionConfiguration"]
    assert config["MaximumRetention"]["Days"] == 36135
    stack.reset_counters()
    again = ansible.module("cos_bucket", {"name": bucket_name, "retention": policy})
    assert again["_status"] == "ok" and again["changed"] is False
    assert writes(calls(stack)) == {}


# --- CORS -------------------------------------------------------------------------------------------

def test_cors_headers_are_written_as_given_and_compared_in_any_case(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    rules = [{"allowed_origins": ["https://app.example"], "allowed_methods": ["GET"],
              "allowed_headers": ["X-Custom-Header", "Authorization"], "expose_headers": ["x-b", "ETag", "x-a"]}]
    first = ansible.module("cos_bucket", {"name": bucket_name, "cors_rules": rules})
    assert first["_status"] == "ok" and first["changed"], first.get("msg")
    [stored] = s3.get_bucket_cors(Bucket=bucket_name)["CORSRules"]
    assert stored["AllowedHeaders"] == ["X-Custom-Header", "Authorization"]
    assert stored["ExposeHeaders"] == ["x-b", "ETag", "x-a"]
    stack.reset_counters()
    spelled = [dict(rules[0], allowed_headers=["authorization", "x-custom-header"], expose_headers=["etag", "X-A", "x-b"])]
    again = ansible.module("cos_bucket", {"name": bucket_name, "cors_rules": spelled})
    assert again["_status"] == "ok" and again["changed"] is False
    assert writes(calls(stack)) == {}


# --- Resource Configuration API -----------------------------------------------------------------

def test_unset_config_sections_read_as_their_defaults(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": bucket_name, "firewall": {}, "activity_tracking": {},
                                           "metrics_monitoring": {}, "hard_quota": 0})
    assert result["_status"] == "ok" and result["changed"] is False, result
    assert writes(calls(stack)) == {} and calls(stack)["config_get"] == 1


def test_firewall_without_the_manager_role_names_the_role(ansible, stack, s3, bucket_name, cos_env):
    s3.create_bucket(Bucket=bucket_name)
    writer = writer_env(cos_env)
    stack.reset_counters()
    result = ansible.module("cos_bucket", {"name": bucket_name, "firewall": {"denied_ip": ["192.0.2.0/24"]}},
                            env=writer)
    assert result["_status"] == "failed"
    assert "Manager role" in result["msg"] and "Writer" in result["msg"]
    assert writes(calls(stack)) == {"config_patch": 1}  # refused by COS: nothing changed


def test_a_writer_changes_the_other_config_sections(ansible, stack, s3, bucket_name, cos_env):
    s3.create_bucket(Bucket=bucket_name)
    writer = writer_env(cos_env)
    args = {"name": bucket_name, "activity_tracking": {"write_data_events": True}, "hard_quota": "1GiB"}
    first = ansible.module("cos_bucket", args, env=writer)
    assert first["_status"] == "ok" and first["changed"], first.get("msg")
    stack.reset_counters()
    again = ansible.module("cos_bucket", args, env=writer)
    assert again["_status"] == "ok" and again["changed"] is False
    assert writes(calls(stack)) == {}
