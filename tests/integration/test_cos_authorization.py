"""cos_authorization against the stack's IAM Policy Management: Key Protect / HPCS Reader and backup
vault policies, idempotent by content, roles replaced, check mode and diff, explicit removal."""
from __future__ import annotations

from account_support import account, instance_name, run_counted  # noqa: F401  (fixtures)
from cos_stack.admin import writes


def _mine(account, source_guid):
    return [p for p in account.authorizations()
            if {"name": "serviceInstance", "value": source_guid, "operator": "stringEquals"}
            in p["subjects"][0]["attributes"]]


def test_key_protect_reader_once_then_nothing(ansible, stack, account, instance_name, cos_env):
    cos = ansible.module("cos_instance", {"name": instance_name})
    args = {"source_instance": cos["crn"], "target_instance": cos_env["IBM_KP_ROOT_KEY_CRN"]}
    first, first_ops = run_counted(ansible, stack, "cos_authorization", args, diff=True)
    second, second_ops = run_counted(ansible, stack, "cos_authorization", args)

    assert first["changed"] and writes(first_ops) == {"CreatePolicy": 1}
    [policy] = _mine(account, cos["guid"])
    assert [r["role_id"] for r in policy["roles"]] == ["crn:v1:bluemix:public:iam::::serviceRole:Reader"]
    target = {a["name"]: a["value"] for a in policy["resources"][0]["attributes"]}
    assert target["serviceName"] == "kms" and target["serviceInstance"] == cos_env["IBM_KP_ROOT_KEY_CRN"].split(":")[7]
    assert first["diff"]["before"] == {} and first["diff"]["after"]["roles"] == ["Reader"]

    assert second["changed"] is False and writes(second_ops) == {} and second["policy"]["id"] == policy["id"]


def test_roles_change_by_replacing_the_policy_and_removal_is_explicit(ansible, stack, account, instance_name,
                                                                      cos_env):
    cos = ansible.module("cos_instance", {"name": instance_name})
    args = {"source_instance": cos["crn"], "target_instance": cos_env["IBM_HPCS_ROOT_KEY_CRN"]}
    ansible.module("cos_authorization", args)
    changed, ops = run_counted(ansible, stack, "cos_authorization", dict(args, roles=["Reader", "Writer"]))
    assert changed["changed"] and writes(ops) == {"CreatePolicy": 1, "DeletePolicy": 1}
    [policy] = _mine(account, cos["guid"])
    assert sorted(r["role_id"].rsplit(":", 1)[1] for r in policy["roles"]) == ["Reader", "Writer"]

    check, check_ops = run_counted(ansible, stack, "cos_authorization", dict(args, state="absent"), check=True)
    assert check["changed"] and writes(check_ops) == {} and len(_mine(account, cos["guid"])) == 1
    removed, removed_ops = run_counted(ansible, stack, "cos_authorization", dict(args, state="absent"))
    assert removed["changed"] and writes(removed_ops) == {"DeletePolicy": 1} and _mine(account, cos["guid"]) == []


def test_bucket_to_backup_vault(ansible, stack, account, instance_name):
    cos = ansible.module("cos_instance", {"name": instance_name})
    vault_instance = ansible.module("cos_instance", {"name": instance_name + "-vault"})
    try:
        args = {"source_instance": cos["crn"], "source_bucket": "app-data",
                "target_instance": vault_instance["crn"], "target_backup_vault": "app-vault"}
        first, ops = run_counted(ansible, stack, "cos_authorization", args)
        assert first["changed"] and writes(ops) == {"CreatePolicy": 1}
        [policy] = _mine(account, cos["guid"])
        subject = {a["name"]: a["value"] for a in policy["subjects"][0]["attributes"]}
        resource = {a["name"]: a["value"] for a in policy["resources"][0]["attributes"]}
        assert (subject["resourceType"], subject["resource"]) == ("bucket", "app-data")
        assert (resource["resourceType"], resource["resource"]) == ("backup-vault", "app-vault")
        assert [r["role_id"] for r in policy["roles"]] == [
            "crn:v1:bluemix:public:cloud-object-storage::::serviceRole:BackupManager"]
        again, again_ops = run_counted(ansible, stack, "cos_authorization", args)
        assert again["changed"] is False and writes(again_ops) == {}
    finally:
        account.delete_instances_named(instance_name + "-vault")


def test_a_target_that_cannot_be_authorized_is_refused_before_any_call(ansible, stack, cos_env):
    result, ops = run_counted(ansible, stack, "cos_authorization", {
        "source_instance": cos_env["IBM_COS_INSTANCE_CRN"],
        "target_instance": "crn:v1:bluemix:public:databases-for-redis:us-south:a/abc:1234::"})
    assert result["_status"] == "failed" and "kms (Key Protect)" in result["msg"]
    assert ops == {}


def test_a_root_key_bucket_fails_naming_the_missing_authorization_then_succeeds_after_it(
        ansible, stack, account, instance_name, cos_env):
    cos = ansible.module("cos_instance", {"name": instance_name})
    key = cos_env["IBM_KP_ROOT_KEY_CRN"]
    bucket = {"name": f"{instance_name[:40]}-kp", "service_instance_id": cos["crn"], "key_protect_root_key_crn": key}

    refused, refused_ops = run_counted(ansible, stack, "cos_bucket", bucket)
    assert refused["_status"] == "failed", refused
    for words in ("could not be found", "service-to-service authorization", "Reader", "ibm.cos.cos_authorization"):
        assert words in refused["msg"]
    assert refused_ops.get("CreateBucket") == 1 and set(writes(refused_ops)) == {"CreateBucket"}  # refused

    authorized = ansible.module("cos_authorization", {"source_instance": cos["crn"], "target_instance": key})
    assert authorized["changed"] and len(_mine(account, cos["guid"])) == 1

    made, made_ops = run_counted(ansible, stack, "cos_bucket", bucket)
    try:
        assert made["_status"] == "ok" and made["changed"], made
        assert made_ops.get("CreateBucket") == 1
        again, again_ops = run_counted(ansible, stack, "cos_bucket", bucket)
        assert again["changed"] is False and writes(again_ops) == {}
        assert again["facets"]["key_protect_root_key_crn"] == key
    finally:
        ansible.module("cos_bucket", dict(bucket, state="absent"))


def test_check_mode_creates_nothing_and_the_diff_shows_the_policy(ansible, stack, account, instance_name, cos_env):
    cos = ansible.module("cos_instance", {"name": instance_name})
    args = {"source_instance": cos["crn"], "target_instance": cos_env["IBM_KP_ROOT_KEY_CRN"]}
    check, ops = run_counted(ansible, stack, "cos_authorization", args, check=True, diff=True)
    assert check["changed"] and writes(ops) == {} and _mine(account, cos["guid"]) == []
    assert check["diff"]["before"] == {} and check["diff"]["after"]["roles"] == ["Reader"]
    assert check["diff"]["after"]["source"]["serviceInstance"] == cos["guid"]
    assert check["diff"]["after"]["target"]["serviceName"] == "kms"
