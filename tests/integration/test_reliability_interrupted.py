"""Interrupted runs: ansible-playbook is killed with SIGKILL at several points of a converge and of a
sync (right after the first call, after a few writes, after many), then run again. The rerun
converges to the desired state and nothing the user already had is lost."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from test_reliability_support import empty_and_delete_bucket
from cos_stack.admin import writes

ANSIBLE_PLAYBOOK = str(Path(sys.executable).parent / "ansible-playbook")


def start_playbook(runner, tasks, env):
    """ansible-playbook in its own process group, so one SIGKILL takes its workers too."""
    run_dir = Path(tempfile.mkdtemp(dir=runner.workdir))
    (run_dir / "play.yml").write_text(json.dumps([{"hosts": "all", "gather_facts": False, "tasks": tasks}]))
    (run_dir / "inventory").write_text(f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n")
    full_env = runner.environment(env)
    full_env["COS_TEST_RESULTS"] = str(run_dir / "results.json")
    return subprocess.Popen([ANSIBLE_PLAYBOOK, "-i", "inventory", "play.yml"], cwd=run_dir, env=full_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def kill_when(process, stack, reached, timeout=120):
    """SIGKILL the playbook's process group once `reached(counters)`; True if it was still running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if reached(stack.counters()):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            return True
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    raise AssertionError("the playbook neither finished nor reached the kill point in time")


def any_call(ops):
    return sum(ops.values()) >= 1


def write_calls(count, op=None):
    def reached(ops):
        done = writes(ops)
        return (done.get(op, 0) if op else sum(done.values())) >= count
    return reached


KILL_POINTS = {"first-call": any_call, "three-writes": write_calls(3), "ten-writes": write_calls(10)}


@pytest.fixture
def user_data(s3):
    """Buckets the user already has: objects, a second version; the playbook adds settings."""
    names = [f"it-int-{uuid.uuid4().hex[:6]}-{i}" for i in range(3)]
    for name in names[:2]:
        s3.create_bucket(Bucket=name)
        for index in range(3):
            s3.put_object(Bucket=name, Key=f"kept/{index}.txt", Body=f"{name}/{index}".encode())
    yield names
    for name in names:
        empty_and_delete_bucket(s3, name)


def converge_tasks(names):
    return [{"ibm.cos.cos_bucket": {
        "name": name, "versioning": True, "website": {"index_document": "index.html"},
        "lifecycle_rules": [{"id": "expire-tmp", "prefix": "tmp/", "expiration_days": 7}],
        "cors_rules": [{"allowed_origins": ["https://example.com"], "allowed_methods": ["GET"]}]}}
        for name in names]


def user_objects(s3, name):
    return {o["Key"]: o["ETag"] for o in s3.list_objects_v2(Bucket=name).get("Contents", [])}


def test_converge_killed_at_several_points_then_rerun(ansible, stack, s3, user_data, tmp_path):
    env = {"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "c")}
    kept = {name: user_objects(s3, name) for name in user_data[:2]}
    tasks = converge_tasks(user_data)
    killed = []
    for point, reached in KILL_POINTS.items():
        stack.reset_counters()
        killed.append((point, kill_when(start_playbook(ansible, tasks, env), stack, reached)))
    assert [k for _, k in killed].count(True) >= 2, killed  # the run really was cut short
    results = ansible.playbook(tasks, env=env)
    assert [r["_status"] for r in results] == ["ok"] * len(tasks), [r.get("msg") for r in results]
    for name in user_data:
        assert s3.get_bucket_versioning(Bucket=name).get("Status") == "Enabled"
        assert s3.get_bucket_website(Bucket=name)["IndexDocument"] == {"Suffix": "index.html"}
        assert [r["ID"] for r in s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"]] == ["expire-tmp"]
        assert s3.get_bucket_cors(Bucket=name)["CORSRules"][0]["AllowedOrigins"] == ["https://example.com"]
    for name, objects in kept.items():
        assert user_objects(s3, name) == objects
    stack.reset_counters()
    again = ansible.playbook(tasks, env=env)
    assert all(r["_status"] == "ok" and not r["changed"] for r in again)
    assert writes(stack.counters()) == {}


def test_sync_killed_at_several_points_then_rerun(ansible, stack, s3, bucket_name, tmp_path):
    s3.create_bucket(Bucket=bucket_name)
    theirs = {"site/keep-remote-only.txt": b"only remote", "other/elsewhere.txt": b"outside the prefix"}
    for key, body in theirs.items():
        s3.put_object(Bucket=bucket_name, Key=key, Body=body)
    tree = tmp_path / "tree"
    digests = {}
    for index in range(120):
        rel = f"p{index % 4}/f{index:03d}.bin"
        data = hashlib.sha256(str(index).encode()).digest() * (50 + index)
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_bytes(data)
        digests[f"site/{rel}"] = hashlib.md5(data).hexdigest()
    tasks = [{"ibm.cos.cos_sync": {"bucket": bucket_name, "src": str(tree), "prefix": "site",
                                   "max_concurrency": 2}}]
    env = {"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "c")}
    killed = []
    for point, reached in {"first-call": any_call, "ten-puts": write_calls(10, "PutObject"),
                           "forty-puts": write_calls(40, "PutObject")}.items():
        stack.reset_counters()
        killed.append((point, kill_when(start_playbook(ansible, tasks, env), stack, reached)))
    assert [k for _, k in killed].count(True) >= 2, killed
    [result] = ansible.playbook(tasks, env=env)
    assert result["_status"] == "ok", result.get("msg")
    assert result["unchanged"], "the killed runs uploaded nothing the rerun could keep"
    remote = {o["Key"]: o["ETag"].strip('"') for o in s3.list_objects_v2(Bucket=bucket_name)["Contents"]}
    for key, body in theirs.items():
        assert s3.get_object(Bucket=bucket_name, Key=key)["Body"].read() == body
    assert {k: v for k, v in remote.items() if k not in theirs} == digests
