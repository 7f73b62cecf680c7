"""cos_instance_info against the stack's Resource Controller: by name, by GUID or CRN, by resource
group, all instances; plan, group, location, state and tags as the account holds them; read-only
(no write call, changed false, check mode alike) and the number of reads it makes."""
from __future__ import annotations

from account_support import account, instance_name, run_counted  # noqa: F401  (fixtures)
from cos_stack.admin import writes

LITE = "2fdf0c08-2d32-4f46-84b5-32e0c92fffd8"


def test_by_name_reports_what_the_account_holds_with_one_list_and_one_tag_read(ansible, stack, account,
                                                                              instance_name):
    made = ansible.module("cos_instance", {"name": instance_name, "plan": "lite", "resource_group": "cos-stack-apps",
                                           "tags": ["env:test", "team:a"]})
    assert made["changed"], made

    result, ops = run_counted(ansible, stack, "cos_instance_info", {"name": instance_name})

    assert result["_status"] == "ok" and result["changed"] is False
    assert writes(ops) == {}
    assert ops.get("ListResourceInstances") == 1 and ops.get("ListTags") == 1
    assert "ListResourceGroups" not in ops and "GetResourceInstance" not in ops
    [held] = account.instances_named(instance_name)
    [found] = result["instances"]
    assert (found["name"], found["crn"], found["guid"]) == (instance_name, held["crn"], held["guid"])
    assert found["service_instance_id"] == held["crn"]
    assert found["plan"] == "lite" and found["resource_plan_id"] == LITE == held["resource_plan_id"]
    assert found["resource_group_id"] == held["resource_group_id"] == "c05a00000000000000000000000a9ca7"
    assert found["location"] == held["region_id"] == "global"
    assert found["state"] == held["state"] == "active"
    assert found["tags"] == account.tags_of(held["crn"]) == ["env:test", "team:a"]
    assert found["created_at"] == held["created_at"]


def test_by_guid_or_crn_reads_the_one_instance_and_a_missing_one_is_an_empty_list(ansible, stack, account,
                                                                                instance_name):
    made = ansible.module("cos_instance", {"name": instance_name})
    for instance in (made["crn"], made["guid"]):
        result, ops = run_counted(ansible, stack, "cos_instance_info", {"instance": instance, "read_tags": False})
        assert result["changed"] is False and writes(ops) == {}
        assert ops.get("GetResourceInstance") == 1 and "ListTags" not in ops and "ListResourceInstances" not in ops
        [found] = result["instances"]
        assert found["guid"] == made["guid"] and "tags" not in found

    ansible.module("cos_instance", {"name": instance_name, "state": "absent"})
    gone, gone_ops = run_counted(ansible, stack, "cos_instance_info", {"instance": made["guid"]})
    assert gone["_status"] == "ok" and gone["instances"] == [] and gone_ops.get("GetResourceInstance") == 1
    assert writes(gone_ops) == {}


def test_a_resource_group_filter_and_the_whole_account(ansible, stack, account, instance_name):
    other = instance_name + "-2"
    try:
        ansible.module("cos_instance", {"name": instance_name})
        ansible.module("cos_instance", {"name": other, "resource_group": "cos-stack-apps"})

        grouped, grouped_ops = run_counted(ansible, stack, "cos_instance_info",
                                           {"resource_group": "cos-stack-apps", "read_tags": False})
        assert grouped_ops.get("ListResourceGroups") == 1 and grouped_ops.get("ListResourceInstances") == 1
        assert [i["name"] for i in grouped["instances"] if i["name"].startswith(instance_name)] == [other]

        everything, all_ops = run_counted(ansible, stack, "cos_instance_info", {})
        names = [i["name"] for i in everything["instances"]]
        assert {instance_name, other} <= set(names) and names == sorted(names)
        assert all_ops.get("ListTags") == len(names) and writes(all_ops) == {}
    finally:
        account.delete_instances_named(other)


def test_check_mode_reads_the_same_and_bad_input_fails_before_any_call(ansible, stack, account, instance_name):
    ansible.module("cos_instance", {"name": instance_name})
    checked, ops = run_counted(ansible, stack, "cos_instance_info", {"name": instance_name}, check=True)
    assert checked["changed"] is False and len(checked["instances"]) == 1 and writes(ops) == {}

    refused, refused_ops = run_counted(ansible, stack, "cos_instance_info",
                                       {"instance": "crn:v1:bluemix:public:kms:us-south:a/1:2::"})
    assert refused["_status"] == "failed" and "instance must be a COS service instance CRN" in refused["msg"]
    assert "ListResourceInstances" not in refused_ops and "GetResourceInstance" not in refused_ops

    both, _ = run_counted(ansible, stack, "cos_instance_info", {"instance": "x", "name": instance_name})
    assert both["_status"] == "failed" and "mutually exclusive" in both["msg"]

    unknown_group, _ = run_counted(ansible, stack, "cos_instance_info", {"resource_group": "no-such-group"})
    assert unknown_group["_status"] == "failed" and "resource_group 'no-such-group' does not exist" in unknown_group["msg"]
