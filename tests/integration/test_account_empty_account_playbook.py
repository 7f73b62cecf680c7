"""playbooks/empty-account.yml against the stack: from an empty account to a Key-Protect-encrypted
bucket, one IAM exchange for the whole run, and a second run that changes and writes nothing."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

from account_support import account  # noqa: F401  (fixture)
from cos_stack.admin import writes
from harness import REPO

EXPECTED_FIRST_WRITES = {"CreateResourceInstance": 1, "CreateResourceKey": 1, "CreatePolicy": 1,
                         "CreateBucket": 1, "PutBucketVersioning": 1}


def run_playbook(ansible, env, tmp_path):
    results = tmp_path / f"results-{uuid.uuid4().hex[:6]}.json"
    full_env = ansible.environment(env)
    full_env["COS_TEST_RESULTS"] = str(results)
    proc = subprocess.run([str(Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,",
                           "-e", f"ansible_python_interpreter={sys.executable}", "-c", "local",
                           str(REPO / "playbooks" / "empty-account.yml")],
                          env=full_env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads(results.read_text()), proc.stdout


def hmac_client_from(path, cos_env):
    import ibm_boto3

    document = json.loads(Path(path).read_text())
    return ibm_boto3.session.Session().client(
        "s3", endpoint_url=cos_env["IBM_COS_ENDPOINT"], verify=cos_env["IBM_COS_CA_BUNDLE"],
        aws_access_key_id=document["cos_hmac_keys"]["access_key_id"],
        aws_secret_access_key=document["cos_hmac_keys"]["secret_access_key"])


def test_empty_account_to_encrypted_bucket_then_nothing(ansible, stack, account, tmp_path, cos_env):
    suffix = uuid.uuid4().hex[:8]
    home = tmp_path / "home"
    home.mkdir()
    env = {"IBM_COS_DEMO_SUFFIX": suffix, "HOME": str(home), "IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "cache")}
    bucket = f"ibmcos-demo-encrypted-{suffix}"
    credentials_file = home / ".config" / "ibm-cos-demo" / "credentials.json"
    try:
        stack.reset_counters()
        first, _ = run_playbook(ansible, env, tmp_path)
        first_ops = stack.counters()
        stack.reset_counters()
        second, second_output = run_playbook(ansible, env, tmp_path)
        second_ops = stack.counters()

        module_results = [r for r in first if r["_task"] != "A directory only this user can read, for the credentials"]
        assert [r["_status"] for r in first] == ["ok"] * 5 and all(r["changed"] for r in module_results)
        assert writes(first_ops) == EXPECTED_FIRST_WRITES
        assert first_ops["iam_token"] == 1  # one exchange for the account and the bucket modules

        [instance] = account.instances_named(f"ibmcos-demo-{suffix}")
        assert stat.S_IMODE(os.stat(credentials_file).st_mode) == 0o600
        client = hmac_client_from(credentials_file, cos_env)
        headers = client.head_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPHeaders"]
        assert headers["ibm-sse-kp-crk-id"] == cos_env["IBM_KP_ROOT_KEY_CRN"]
        assert [b["Name"] for b in client.list_buckets()["Buckets"]] == [bucket]
        assert any(a["value"] == instance["guid"] for p in account.authorizations()
                   for a in p["subjects"][0]["attributes"])

        assert [r["_status"] for r in second] == ["ok"] * 5 and not any(r["changed"] for r in second)
        assert writes(second_ops) == {} and second_ops.get("iam_token", 0) == 0
        assert "changed=0" in second_output
    finally:
        if credentials_file.exists():
            client = hmac_client_from(credentials_file, cos_env)
            try:
                client.delete_bucket(Bucket=bucket)
            except Exception:  # pylint: disable=broad-except
                pass
        account.delete_instances_named(f"ibmcos-demo-{suffix}")
