"""cos_credentials against the stack: made once and left alone, rotation only when asked, role and
HMAC changes refused, a 0600 credential file the connection option reads, check mode, removal."""
from __future__ import annotations

import json
import os
import stat

import pytest

from account_support import account, instance_name, run_counted  # noqa: F401  (fixtures)
from cos_stack.admin import writes


@pytest.fixture
def instance(ansible, instance_name):
    return ansible.module("cos_instance", {"name": instance_name})


MASK = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"  # what ansible-core puts in place of a whole no_log value


def masked(credentials):
    """A credential document as the module returns it: API key and HMAC secret masked by ansible-core."""
    hmac = credentials.get("cos_hmac_keys")
    return dict(credentials, apikey=MASK, **({"cos_hmac_keys": dict(hmac, secret_access_key=MASK)} if hmac else {}))


def run_registered(ansible, stack, args, tmp_path, **kwargs):
    """Run cos_credentials and return (what a registered variable holds, what the output shows, counters).

    A second task hands the registered variable to the test."""
    holder = tmp_path / f"registered-{len(list(tmp_path.iterdir()))}.json"
    stack.reset_counters()
    shown, _ = ansible.playbook([
        {"ibm.cos.cos_credentials": args, "register": "created"},
        {"ansible.builtin.copy": {"content": "{{ created | to_json }}", "dest": str(holder), "mode": "0600"}},
    ], **kwargs)
    ops = stack.counters()
    return json.loads(holder.read_text()), shown, ops


def test_created_once_then_left_alone(ansible, stack, account, instance, tmp_path):
    path = str(tmp_path / "creds.json")
    args = {"name": "app-writer", "instance": instance["crn"], "hmac": True, "credentials_file_path": path}
    first, first_shown, first_ops = run_registered(ansible, stack, args, tmp_path)
    second, second_shown, second_ops = run_registered(ansible, stack, args, tmp_path)

    assert first["changed"] and writes(first_ops) == {"CreateResourceKey": 1}
    [key] = account.keys_of(instance["guid"])
    assert first["key"]["guid"] == key["guid"] and first["key"]["role"] == "Writer" and first["key"]["hmac"]
    held = account.key(key["guid"])["credentials"]
    # the secrets are only in the file: masked in the registered variable and in the output
    assert first["credentials"] == masked(held) and first_shown["credentials"] == masked(held)
    assert held["apikey"] not in json.dumps([first, first_shown, second, second_shown])
    assert held["cos_hmac_keys"]["secret_access_key"] not in json.dumps([first, first_shown])
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path, encoding="utf-8") as handle:
        written = json.load(handle)
    assert written["apikey"] == held["apikey"] and written["cos_hmac_keys"] == held["cos_hmac_keys"]
    assert written["resource_instance_id"] == instance["crn"]

    assert second["changed"] is False and writes(second_ops) == {}
    assert second["key"]["guid"] == key["guid"] and second["credentials"] == masked(held)
    assert [k["guid"] for k in account.keys_of(instance["guid"])] == [key["guid"]]


def test_the_written_file_works_as_credentials_file(ansible, stack, instance, tmp_path, cos_env):
    path = str(tmp_path / "creds.json")
    ansible.module("cos_credentials", {"name": "file-user", "instance": instance["crn"], "role": "Manager",
                                       "credentials_file_path": path})
    # Only where to connect: the file holds the only credentials the task can find.
    env = {k: v for k, v in cos_env.items() if k in ("IBM_COS_ENDPOINT", "IBM_IAM_ENDPOINT", "IBM_COS_CA_BUNDLE",
                                                      "IBM_COS_CONFIG_ENDPOINT", "IBM_COS_ENDPOINTS_URL")}
    listed = ansible.module("cos_bucket_info", {"credentials_file": path}, env=env, stack_env=False)
    assert listed["_status"] == "ok", listed
    assert listed["buckets"] == []  # the new instance's own (empty) list, reached with the file's key


def test_role_or_hmac_change_is_refused_unless_rotate(ansible, stack, account, instance):
    base = {"name": "app", "instance": instance["crn"]}
    first = ansible.module("cos_credentials", base)
    refused, refused_ops = run_counted(ansible, stack, "cos_credentials", dict(base, role="Manager", hmac=True))
    assert refused["_status"] == "failed" and writes(refused_ops) == {}
    assert "role 'Writer', not 'Manager'" in refused["msg"] and "rotate: true" in refused["msg"]

    rotated, rotated_ops = run_counted(ansible, stack, "cos_credentials",
                                       dict(base, role="Manager", hmac=True, rotate=True), diff=True)
    assert rotated["changed"] and writes(rotated_ops) == {"CreateResourceKey": 1, "DeleteResourceKey": 1}
    [key] = account.keys_of(instance["guid"])
    assert key["guid"] == rotated["key"]["guid"] != first["key"]["guid"]
    assert account.key(key["guid"])["credentials"]["iam_role_crn"].endswith(":Manager")
    assert rotated["diff"]["before"]["role"] == "Writer" and rotated["diff"]["after"]["role"] == "Manager"
    assert "credentials" not in json.dumps(rotated["diff"]) and "apikey" not in json.dumps(rotated["diff"])


def test_check_mode_makes_no_key_and_writes_no_file(ansible, stack, account, instance, tmp_path):
    path = tmp_path / "creds.json"
    result, ops = run_counted(ansible, stack, "cos_credentials",
                              {"name": "dry", "instance": instance["crn"], "credentials_file_path": str(path)},
                              check=True, diff=True)
    assert result["changed"] and writes(ops) == {}
    assert result["diff"]["after"]["name"] == "dry" and "credentials" not in result
    assert account.keys_of(instance["guid"]) == [] and not path.exists()


def test_absent_deletes_the_key_and_its_file(ansible, stack, account, instance, tmp_path):
    path = tmp_path / "creds.json"
    args = {"name": "gone", "instance": instance["crn"], "credentials_file_path": str(path),
}
    ansible.module("cos_credentials", args)
    assert path.exists()
    removed, ops = run_counted(ansible, stack, "cos_credentials", dict(args, state="absent"))
    assert removed["changed"] and writes(ops) == {"DeleteResourceKey": 1}
    assert account.keys_of(instance["guid"]) == [] and not path.exists()
    again, again_ops = run_counted(ansible, stack, "cos_credentials", dict(args, state="absent"))
    assert again["changed"] is False and writes(again_ops) == {}


def test_a_bad_instance_is_refused_before_any_call(ansible, stack):
    result, ops = run_counted(ansible, stack, "cos_credentials", {"name": "x", "instance": "not-an-instance"})
    assert result["_status"] == "failed" and "instance must be a COS instance CRN or GUID" in result["msg"]
    assert ops == {}


def test_check_mode_rotation_and_removal_send_nothing(ansible, stack, account, instance, tmp_path):
    path = tmp_path / "creds.json"
    args = {"name": "kept", "instance": instance["crn"], "credentials_file_path": str(path)}
    made = ansible.module("cos_credentials", args)
    written = path.read_text()

    rotation, rotation_ops = run_counted(ansible, stack, "cos_credentials", dict(args, rotate=True, role="Reader"),
                                         check=True, diff=True)
    assert rotation["changed"] and writes(rotation_ops) == {}
    assert rotation["diff"]["before"]["role"] == "Writer" and rotation["diff"]["after"]["role"] == "Reader"
    removal, removal_ops = run_counted(ansible, stack, "cos_credentials", dict(args, state="absent"), check=True)
    assert removal["changed"] and writes(removal_ops) == {}

    [key] = account.keys_of(instance["guid"])
    assert key["guid"] == made["key"]["guid"] and path.read_text() == written
