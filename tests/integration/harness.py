"""The integration harness as plain code: the ansible-playbook runner, the independent HMAC client
and bucket teardown. conftest.py turns them into fixtures; tests that need them outside a fixture
import them from here (`from harness import ...`)."""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# With IBM_COS_REAL=1 the suite runs against the real IBM COS account in the environment; tests that
# need the stack's counters or faults skip, and buckets get a unique prefix and are removed.
REAL = os.environ.get("IBM_COS_REAL") == "1"
REAL_DEFAULTS = {
    "IBM_COS_REGION": "us-south",
    "IBM_COS_ENDPOINTS_URL": "https://control.cloud-object-storage.cloud.ibm.com/v2/endpoints",
    "IBM_IAM_ENDPOINT": "https://iam.cloud.ibm.com/identity/token",
}
COLLECTIONS = REPO / "build" / "collections"
CALLBACKS = Path(__file__).resolve().parent / "callback_plugins"


def ansible_environment(cos_env: dict | None, token_cache_dir: Path, overrides: dict | None = None) -> dict:
    """The environment of an ansible-playbook run against COS: this process's without any IBM* or
    IC_* variable, then `cos_env` as a user who exported it would have, this checkout's collection,
    plain quiet output and a token cache of the run's own; then `overrides` (None removes one)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("IBM", "IC_"))}
    base.update(cos_env or {})
    base.update({
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
        "IBM_COS_TOKEN_CACHE_DIR": str(token_cache_dir),
    })
    base.update(overrides or {})
    return {k: v for k, v in base.items() if v is not None}


class AnsibleRunner:
    """Runs tasks on localhost in a fresh ansible-playbook process and returns their results."""

    def __init__(self, cos_env: dict, workdir: Path, token_cache_dir: Path):
        self.cos_env = cos_env
        self.workdir = workdir
        self.token_cache_dir = token_cache_dir
        self.last_stdout = ""
        self.last_stderr = ""
        self.last_rc = None

    def environment(self, env: dict | None = None, stack_env: bool = True) -> dict:
        """ansible_environment, with the json_results callback that hands the results back."""
        return ansible_environment(self.cos_env if stack_env else None, self.token_cache_dir, {
            "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS),
            "ANSIBLE_CALLBACKS_ENABLED": "json_results",
            **(env or {}),
        })

    def playbook(self, tasks, check=False, diff=False, env=None, stack_env=True, verbosity=0,
                 forks=5, hosts=None, extra_args=()):
        """Run `tasks` (module-call dicts) in one play; every task ignores errors so all report."""
        prepared = []
        for task in tasks:
            task = dict(task)
            task.setdefault("ignore_errors", True)
            prepared.append(task)
        play = {"hosts": "all", "gather_facts": False, "tasks": prepared}
        run_dir = Path(tempfile.mkdtemp(dir=self.workdir))
        (run_dir / "play.yml").write_text(json.dumps([play]))
        inventory = "\n".join(
            f"{h} ansible_connection=local ansible_python_interpreter={sys.executable}"
            for h in (hosts or ["localhost"]))
        (run_dir / "inventory").write_text(inventory + "\n")
        results_path = run_dir / "results.json"
        cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(run_dir / "inventory"),
               "-f", str(forks), str(run_dir / "play.yml")]
        if check:
            cmd.append("--check")
        if diff:
            cmd.append("--diff")
        if verbosity:
            cmd.append("-" + "v" * verbosity)
        cmd.extend(extra_args)
        full_env = self.environment(env, stack_env)
        full_env["COS_TEST_RESULTS"] = str(results_path)
        proc = subprocess.run(cmd, cwd=run_dir, env=full_env, capture_output=True, text=True, timeout=900)
        self.last_stdout, self.last_stderr, self.last_rc = proc.stdout, proc.stderr, proc.returncode
        if not results_path.exists():
            raise AssertionError(f"ansible-playbook produced no results (rc={proc.returncode}):\n"
                                 f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
        return json.loads(results_path.read_text())

    def module(self, name, args, check=False, diff=False, env=None, stack_env=True, verbosity=0):
        """Run one ibm.cos module task and return its result dict."""
        fqcn = name if "." in name else f"ibm.cos.{name}"
        [result] = self.playbook([{fqcn: args}], check=check, diff=diff, env=env,
                                 stack_env=stack_env, verbosity=verbosity)
        return result


def hmac_client(cos_env, endpoint_url=None):
    """An HMAC client for checking what COS holds, independent of the collection's code
    (`endpoint_url`: another location's endpoint than IBM_COS_ENDPOINT)."""
    import ibm_boto3  # imported lazily: collection-only tests should not pay for it

    if REAL and not cos_env.get("IBM_COS_HMAC_ACCESS_KEY_ID"):
        from ibm_botocore.client import Config

        return ibm_boto3.client("s3", ibm_api_key_id=cos_env["IBMCLOUD_API_KEY"],
                                ibm_service_instance_id=cos_env["IBM_COS_INSTANCE_CRN"],
                                ibm_auth_endpoint=cos_env["IBM_IAM_ENDPOINT"],
                                config=Config(signature_version="oauth"),
                                endpoint_url=cos_env.get("IBM_COS_ENDPOINT") or
                                f"https://s3.{cos_env['IBM_COS_REGION']}.cloud-object-storage.appdomain.cloud")
    return ibm_boto3.client(
        "s3",
        aws_access_key_id=cos_env["IBM_COS_HMAC_ACCESS_KEY_ID"],
        aws_secret_access_key=cos_env["IBM_COS_HMAC_SECRET_ACCESS_KEY"],
        endpoint_url=endpoint_url or cos_env["IBM_COS_ENDPOINT"],
        verify=cos_env.get("IBM_COS_CA_BUNDLE", True),
    )


def empty_and_delete_bucket(client, name):
    """Best-effort teardown: remove versions, markers, uploads, then the bucket. Returns the error
    code when the bucket exists but could not be deleted (a backup policy keeps it), else None."""
    try:
        for page in client.get_paginator("list_object_versions").paginate(Bucket=name):
            doomed = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                      for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
            if doomed:
                client.delete_objects(Bucket=name, Delete={"Objects": doomed, "Quiet": True})
        for upload in client.list_multipart_uploads(Bucket=name).get("Uploads", []):
            client.abort_multipart_upload(Bucket=name, Key=upload["Key"], UploadId=upload["UploadId"])
        client.delete_bucket(Bucket=name)
    except Exception as error:  # pylint: disable=broad-except
        code = str(((getattr(error, "response", None) or {}).get("Error") or {}).get("Code") or "")
        if code and code not in ("NoSuchBucket", "404"):
            return code
    return None


def remove_bucket(client, name, cos_env):
    """Teardown of a bucket a test or example used: empty_and_delete_bucket, and when the bucket
    stays because backup policies keep it (COS refuses to delete a bucket that has one,
    bvm-configure.md), delete its policies and try once more. Returns the error code when the bucket
    is still there, else None."""
    code = empty_and_delete_bucket(client, name)
    if code:
        from backup_support import BackupReader

        BackupReader(cos_env).delete_policies(name)
        code = empty_and_delete_bucket(client, name)
    return code


@contextlib.contextmanager
def short_lived_tokens(stack, lifetime, slow_operation, latency_ms=250):
    """IAM tokens that last `lifetime` seconds while every `slow_operation` call takes `latency_ms`,
    so a run of many such calls outlives its first token. Counters start at zero inside; the stack's
    faults and token lifetime are restored after."""
    stack.configure(token_lifetime=lifetime)
    stack.set_fault(slow_operation, latency_ms=latency_ms)
    try:
        stack.reset_counters()
        yield
    finally:
        stack.clear_faults()
        stack.configure(token_lifetime=3600)
