"""The demo playbook run by ansible-runner, the engine inside AWX and Ansible Automation Platform.

As a controller would: the collection is built into a tarball and installed into a private
collections path (the checkout is not on any path ansible searches), the job is a private data
directory (inventory, env/envvars) and the playbook is named by its FQCN, `ibm.cos.demo`. The Python
that runs it must satisfy the execution environment's requirements (meta/execution-environment.yml).
The job runs against the local stack and must succeed (the cos_object lookup included) with one IAM
exchange for modules and lookups together, and print no warning.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from cos_stack import envfile
from cos_stack.admin import StackAdmin, writes

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def ee_requirements() -> list[str]:
    """The pip requirements meta/execution-environment.yml installs into an EE."""
    definition = yaml.safe_load((REPO / "meta" / "execution-environment.yml").read_text())
    deps = definition["dependencies"]
    wanted = [deps["ansible_core"]["package_pip"], deps["ansible_runner"]["package_pip"]]
    for line in (REPO / deps["python"]).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            wanted.append(line)
    return wanted


def clean_environment() -> dict:
    """This process's environment without the checkout's settings, with the venv's tools first."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANSIBLE_", "IBM", "IC_", "COS_STACK")) and k != "PYTHONPATH"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False, **kwargs)
    assert proc.returncode == 0, f"{cmd} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def stack_env():
    try:
        return envfile.load()
    except FileNotFoundError:
        pytest.exit("no local COS stack: run `make stack-up` (or `make test`, which starts one)", returncode=4)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """ibm.cos built from this checkout and installed into a private collections path."""
    work = tmp_path_factory.mktemp("runner-collection")
    run([str(BIN / "ansible-galaxy"), "collection", "build", str(REPO), "--output-path", str(work / "dist")])
    [tarball] = (work / "dist").glob("ibm-cos-*.tar.gz")
    collections = work / "collections"
    # Only the private path is configured: the checkout's link must not count as "already installed".
    run([str(BIN / "ansible-galaxy"), "collection", "install", str(tarball), "-p", str(collections), "--offline"],
        cwd=work, env={**clean_environment(), "ANSIBLE_COLLECTIONS_PATH": str(collections)})
    assert (collections / "ansible_collections" / "ibm" / "cos" / "MANIFEST.json").is_file()
    return collections


def test_python_meets_the_execution_environment_requirements():
    unmet = []
    for text in ee_requirements():
        requirement = Requirement(text)
        try:
            version = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            unmet.append(f"{text} (not installed)")
            continue
        if not requirement.specifier.contains(version, prereleases=True):
            unmet.append(f"{text} (installed {version})")
    assert not unmet, f"the job's Python lacks what the EE installs: {unmet}"
    assert (BIN / "ansible-runner").exists()


def job_environment(collections: Path, stack_env: dict, token_cache: Path) -> dict:
    """What the job sees: the stack's settings and the private collections path, nothing of the checkout."""
    env = dict(stack_env)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": str(collections),
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
        "ANSIBLE_NOCOLOR": "1",
        "IBM_COS_TOKEN_CACHE_DIR": str(token_cache),
    })
    return env


def write_private_data_dir(root: Path, env: dict) -> Path:
    data = root / "job"
    for sub in ("inventory", "env", "project"):
        (data / sub).mkdir(parents=True)
    (data / "inventory" / "hosts").write_text(
        f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n")
    envvars = data / "env" / "envvars"
    envvars.write_text(json.dumps(env))
    envvars.chmod(stat.S_IRUSR | stat.S_IWUSR)
    return data


def test_demo_runs_under_ansible_runner_from_the_installed_tarball(installed, stack_env, tmp_path):
    stack = StackAdmin.from_env(stack_env)
    job_env = job_environment(installed, stack_env, tmp_path / "token-cache")
    data = write_private_data_dir(tmp_path, job_env)
    outer = clean_environment()  # the process that starts the runner

    listing = run([str(BIN / "ansible-galaxy"), "collection", "list", "ibm.cos", "--format", "json"],
                  env={**outer, **job_env}, cwd=data / "project")
    assert list(json.loads(listing.stdout)) == [str(installed / "ansible_collections")], listing.stdout

    stack.reset_counters()
    proc = subprocess.run([str(BIN / "ansible-runner"), "run", str(data), "-p", "ibm.cos.demo", "--ident", "demo"],
                          env=outer, cwd=tmp_path, capture_output=True, text=True, timeout=900, check=False)
    artifacts = data / "artifacts" / "demo"
    job_stdout = (artifacts / "stdout").read_text() if (artifacts / "stdout").exists() else proc.stdout
    assert proc.returncode == 0, job_stdout[-4000:] + proc.stderr[-2000:]
    assert (artifacts / "status").read_text() == "successful"
    assert (artifacts / "rc").read_text() == "0"

    events = [json.loads(p.read_text()) for p in sorted((artifacts / "job_events").glob("*.json"))]
    stats = next(e["event_data"] for e in events if e["event"] == "playbook_on_stats")
    assert stats["ok"].get("localhost", 0) > 10 and not stats["failures"] and not stats["dark"], stats
    ran = {e["event_data"].get("resolved_action") for e in events if e["event"] == "runner_on_ok"}
    assert {"ibm.cos.cos_bucket", "ibm.cos.cos_sync", "ibm.cos.cos_object"} <= ran, ran
    passed = {e["event_data"].get("task") for e in events if e["event"] == "runner_on_ok"}
    assert "The lookup returns what was stored" in passed, passed  # the ibm.cos.cos_object lookup

    warnings = [line for line in (job_stdout + proc.stderr).splitlines() if "WARNING" in line.upper()]
    assert not warnings, warnings
    ops = stack.counters()
    assert ops.get("iam_token") == 1, ops
    assert writes(ops).get("CreateBucket") == 2 and writes(ops).get("DeleteBucket") == 2, ops
    assert stack_env["IBMCLOUD_API_KEY"] not in job_stdout
