"""cos_instance against the stack's Resource Controller: create once, reruns write nothing, plan and
tags change, what cannot change is refused, check mode and diff, removal, and parallel runs."""
from __future__ import annotations

import concurrent.futures

from account_support import account, instance_name, run_counted  # noqa: F401  (fixtures)
from cos_stack.admin import writes


def test_create_then_rerun_writes_nothing(ansible, stack, account, instance_name):
    args = {"name": instance_name, "tags": ["env:test", "team:a"]}
    first, first_ops = run_counted(ansible, stack, "cos_instance", args)
    second, second_ops = run_counted(ansible, stack, "cos_instance", args)

    assert first["_status"] == "ok" and first["changed"]
    assert writes(first_ops) == {"CreateResourceInstance": 1}
    [held] = account.instances_named(instance_name)
    assert first["crn"] == held["crn"] == first["service_instance_id"] and first["guid"] == held["guid"]
    assert held["resource_plan_id"] == "744bfc56-d12c-4866-88d5-dac9139e0e5d"
    assert account.tags_of(held["crn"]) == ["env:test", "team:a"]

    assert second["changed"] is False and writes(second_ops) == {}
    assert second["crn"] == first["crn"] and second["instance"]["tags"] == ["env:test", "team:a"]
    assert len(account.instances_named(instance_name)) == 1


def test_plan_and_tags_change_what_cannot_is_refused(ansible, stack, account, instance_name):
    ansible.module("cos_instance", {"name": instance_name, "plan": "lite", "tags": ["a"]})
    upgraded, upgrade_ops = run_counted(ansible, stack, "cos_instance",
                                        {"name": instance_name, "plan": "standard", "tags": ["b"]}, diff=True)
    assert upgraded["changed"]
    assert writes(upgrade_ops) == {"UpdateResourceInstance": 1, "AttachTag": 1, "DetachTag": 1}
    assert upgraded["diff"]["before"]["plan"] == "lite" and upgraded["diff"]["after"]["plan"] == "standard"
    assert upgraded["diff"]["before"]["tags"] == ["a"] and upgraded["diff"]["after"]["tags"] == ["b"]
    [held] = account.instances_named(instance_name)
    assert held["resource_plan_id"] == "744bfc56-d12c-4866-88d5-dac9139e0e5d"
    assert account.tags_of(held["crn"]) == ["b"]

    refused, refused_ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name, "plan": "one-rate"})
    assert refused["_status"] == "failed" and writes(refused_ops) == {}
    assert "'standard'" in refused["msg"] and "'one-rate'" in refused["msg"] and "lite to standard" in refused["msg"]


def test_check_mode_creates_nothing_and_shows_the_diff(ansible, stack, account, instance_name):
    result, ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name, "tags": ["x"]},
                              check=True, diff=True)
    assert result["changed"] and writes(ops) == {}
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["name"] == instance_name and result["diff"]["after"]["tags"] == ["x"]
    assert account.instances_named(instance_name) == []


def test_absent_refuses_while_buckets_exist_unless_force(ansible, stack, account, instance_name, s3):
    created = ansible.module("cos_instance", {"name": instance_name})
    bucket = f"{instance_name[:40]}-b"
    made = ansible.module("cos_bucket", {"name": bucket, "service_instance_id": created["crn"]})
    assert made["changed"], made

    refused, refused_ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name, "state": "absent"})
    assert refused["_status"] == "failed" and writes(refused_ops) == {}
    assert bucket in refused["msg"] and "force: true" in refused["msg"]
    assert len(account.instances_named(instance_name)) == 1

    ansible.module("cos_bucket", {"name": bucket, "service_instance_id": created["crn"], "state": "absent"})
    check, check_ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name, "state": "absent"},
                                   check=True)
    assert check["changed"] and writes(check_ops) == {}
    removed, removed_ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name, "state": "absent"})
    assert removed["changed"] and writes(removed_ops) == {"DeleteResourceInstance": 1}
    assert account.instances_named(instance_name) == []
    again, again_ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name, "state": "absent"})
    assert again["changed"] is False and writes(again_ops) == {}


def test_force_deletes_an_instance_with_buckets_and_credentials(ansible, stack, account, instance_name):
    created = ansible.module("cos_instance", {"name": instance_name})
    ansible.module("cos_credentials", {"name": "k", "instance": created["crn"]})
    ansible.module("cos_bucket", {"name": f"{instance_name[:40]}-f", "service_instance_id": created["crn"]})
    forced, ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name, "state": "absent",
                                                               "force": True})
    assert forced["changed"] and writes(ops) == {"DeleteResourceInstance": 1}
    assert "ListBuckets" not in ops
    assert account.instances_named(instance_name) == []


def test_unknown_resource_group_and_bad_name_fail_clearly(ansible, stack, instance_name):
    missing, ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name, "resource_group": "nope"})
    assert missing["_status"] == "failed" and "resource_group 'nope' does not exist" in missing["msg"]
    assert writes(ops) == {}
    long_name, ops = run_counted(ansible, stack, "cos_instance", {"name": "x" * 181})
    assert long_name["_status"] == "failed" and "name must be 1 to 180 characters" in long_name["msg"]
    assert ops == {}  # refused on the controller: not even the IAM exchange


def test_a_named_resource_group_is_used(ansible, stack, account, instance_name):
    result = ansible.module("cos_instance", {"name": instance_name, "resource_group": "cos-stack-apps"})
    [held] = account.instances_named(instance_name)
    assert held["resource_group_id"] == result["instance"]["resource_group_id"] == "c05a00000000000000000000000a9ca7"


def test_two_parallel_runs_make_one_instance(ansible, stack, account, instance_name):
    # Both runs list before either creates (the creates are slowed), so both create; the check
    # after the create keeps the older instance in both runs and the other run deletes its own.
    stack.set_fault("CreateResourceInstance", latency_ms=1500, count=2)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(ansible.module, "cos_instance", {"name": instance_name}) for _ in range(2)]
        results = [run.result() for run in runs]
    ops = stack.counters()

    assert ops["CreateResourceInstance"] == 2 and ops.get("DeleteResourceInstance") == 1
    [held] = account.instances_named(instance_name)
    assert [r["crn"] for r in results] == [held["crn"], held["crn"]]
    assert all(r["_status"] == "ok" and r["changed"] for r in results)
    rerun, rerun_ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name})
    assert rerun["changed"] is False and writes(rerun_ops) == {} and rerun["crn"] == held["crn"]


def test_reads_are_retried_and_a_failed_create_says_so_and_is_made_once_on_rerun(ansible, stack, account,
                                                                                   instance_name):
    stack.set_fault("ListResourceInstances", status=503, count=1)
    retried, ops = run_counted(ansible, stack, "cos_instance", {"name": instance_name})
    assert retried["_status"] == "ok" and retried["changed"]
    assert ops["ListResourceInstances"] == 3  # the faulted read, its retry, the check after the create

    other = instance_name + "-f"
    stack.set_fault("CreateResourceInstance", status=503, count=1)
    try:
        failed, failed_ops = run_counted(ansible, stack, "cos_instance", {"name": other})
        assert failed["_status"] == "failed" and failed_ops["CreateResourceInstance"] == 1  # a create is never resent
        assert "Resource Controller answered HTTP 503" in failed["msg"] and "\n" not in failed["msg"]
        assert account.instances_named(other) == []
        rerun = ansible.module("cos_instance", {"name": other})
        assert rerun["changed"] and len(account.instances_named(other)) == 1
    finally:
        account.delete_instances_named(other)
