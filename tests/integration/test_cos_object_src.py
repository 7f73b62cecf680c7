"""cos_object's `src`: a relative path is found in the role's or playbook's files/ on the controller,
and copied into the remote tmp dir of a host that is not local."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from cos_stack.admin import writes

CONNECTION_PLUGINS = Path(__file__).resolve().parent / "connection_plugins"


def run_project(ansible, project, elsewhere, connection):
    """Run project/play.yml from another directory, the host reached through `connection`."""
    (project / "inventory").write_text(
        f"host1 ansible_connection={connection} ansible_python_interpreter={sys.executable}\n")
    results = project / "results.json"
    env = ansible.environment({"ANSIBLE_CONNECTION_PLUGINS": str(CONNECTION_PLUGINS),
                               "COS_TEST_RESULTS": str(results)})
    cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-vvv", "-i", str(project / "inventory"),
           str(project / "play.yml")]
    proc = subprocess.run(cmd, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert results.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads(results.read_text()), proc.stdout


def make_project(tmp_path, bucket):
    project = tmp_path / "project"
    (project / "files").mkdir(parents=True)
    (project / "files" / "data.txt").write_text("from the playbook's files/\n")
    role = project / "roles" / "uploader"
    (role / "files").mkdir(parents=True)
    (role / "tasks").mkdir()
    (role / "files" / "role.json").write_text('{"from": "the role"}\n')
    (role / "tasks" / "main.yml").write_text(json.dumps([
        {"name": "role upload", "ibm.cos.cos_object": {"bucket": bucket, "key": "role.json", "src": "role.json"}}]))
    (project / "play.yml").write_text(json.dumps([{
        "hosts": "all", "gather_facts": False,
        "tasks": [{"name": "play upload", "ibm.cos.cos_object": {"bucket": bucket, "key": "data.txt", "src": "data.txt"}},
                  {"name": "role", "ansible.builtin.include_role": {"name": "uploader"}}]}]))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return project, elsewhere


def uploaded(results):
    return {r["_task"]: r for r in results if r["_task"].endswith("upload")}


def test_src_from_files_reaches_a_remote_host_through_its_tmp_dir(ansible, stack, s3, bucket_name, tmp_path):
    s3.create_bucket(Bucket=bucket_name)
    project, elsewhere = make_project(tmp_path, bucket_name)
    stack.reset_counters()
    results, stdout = run_project(ansible, project, elsewhere, "remote_local")
    done = uploaded(results)
    assert all(r["_status"] == "ok" and r["changed"] for r in done.values()), done
    body = s3.get_object(Bucket=bucket_name, Key="data.txt")
    assert body["Body"].read() == b"from the playbook's files/\n"
    role_object = s3.get_object(Bucket=bucket_name, Key="role.json")
    assert role_object["Body"].read() == b'{"from": "the role"}\n'
    assert role_object["ContentType"] == "application/json"  # guessed from the name the copy keeps
    # The module got the copy in the remote tmp dir, not the controller's path.
    assert f"PUT {project / 'files' / 'data.txt'} TO " in stdout
    assert f"PUT {project / 'roles' / 'uploader' / 'files' / 'role.json'} TO " in stdout
    assert "/data.txt" in stdout.split(f"PUT {project / 'files' / 'data.txt'} TO ", 1)[1].split("\n", 1)[0]
    assert writes(stack.counters()) == {"PutObject": 2}
    # The copies lived in the host's remote tmp dir, which the task removed afterwards.
    copies = re.findall(r"PUT \S+/(?:data\.txt|role\.json) TO (\S+)", stdout)
    assert len(copies) == 2 and all(not Path(copy).exists() and not Path(copy).parent.exists() for copy in copies)

    # A rerun copies the files over again, but the objects hold their bytes: no upload.
    stack.reset_counters()
    again, _ = run_project(ansible, project, elsewhere, "remote_local")
    assert all(r["_status"] == "ok" and not r["changed"] for r in uploaded(again).values()), again
    assert writes(stack.counters()) == {}


def test_src_from_files_on_a_local_host_is_read_in_place(ansible, stack, s3, bucket_name, tmp_path):
    s3.create_bucket(Bucket=bucket_name)
    project, elsewhere = make_project(tmp_path, bucket_name)
    results, stdout = run_project(ansible, project, elsewhere, "local")
    done = uploaded(results)
    assert all(r["_status"] == "ok" and r["changed"] for r in done.values()), done
    assert s3.get_object(Bucket=bucket_name, Key="data.txt")["Body"].read() == b"from the playbook's files/\n"
    assert f"PUT {project / 'files' / 'data.txt'}" not in stdout


def test_a_relative_src_missing_from_files_fails_before_any_call(ansible, stack, s3, bucket_name, tmp_path):
    s3.create_bucket(Bucket=bucket_name)
    project, elsewhere = make_project(tmp_path, bucket_name)
    (project / "files" / "data.txt").unlink()
    stack.reset_counters()
    results, _ = run_project(ansible, project, elsewhere, "local")
    [first] = [r for r in results if r["_task"] == "play upload"]
    assert first["_status"] == "failed" and "src 'data.txt' was not found" in first["msg"]
    assert "PutObject" not in stack.counters()
