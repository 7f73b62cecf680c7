"""The connection helper against the stack: every auth method, the credentials file, endpoint
resolution, one IAM exchange per run, and one clear line for each way set-up can be wrong."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from checks import assert_one_clear_line, only_iam

ANSIBLE = str(Path(sys.executable).parent / "ansible")
STACK_ONLY_VARS = ("IBM_COS_STACK_ADMIN",)


@pytest.fixture
def listed_bucket(s3, bucket_name, cos_env):
    s3.create_bucket(Bucket=bucket_name,
                     CreateBucketConfiguration={"LocationConstraint": f"{cos_env['IBM_COS_REGION']}-smart"})
    return bucket_name


def names(result):
    return [b["name"] for b in result["buckets"]]


def test_ad_hoc_listing_with_only_the_env_file(ansible, stack, listed_bucket, tmp_path):
    env = ansible.environment()
    proc = subprocess.run([ANSIBLE, "localhost", "-m", "ibm.cos.cos_bucket_info", "-a", f"name={listed_bucket}"],
                          env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    payload = json.loads(proc.stdout.split("=>", 1)[1])
    [bucket] = payload["buckets"]
    assert bucket["name"] == listed_bucket
    assert (bucket["location"], bucket["storage_class"]) == (env["IBM_COS_REGION"], "smart")
    assert "versioning" in bucket and "lifecycle_rules" in bucket


def test_listing_reports_location_and_class(ansible, stack, listed_bucket):
    result = ansible.module("cos_bucket_info", {"prefix": listed_bucket})
    assert result["_status"] == "ok" and names(result) == [listed_bucket]
    assert result["buckets"][0]["location_constraint"].endswith("-smart")
    ops = stack.counters()
    assert ops.get("ListBucketsExtended") == 1
    assert not [op for op in ops if op.startswith("Get")], ops  # no settings asked, none read


def test_ten_tasks_make_one_iam_exchange(ansible, stack, listed_bucket, tmp_path):
    tasks = [{"ibm.cos.cos_bucket_info": {"name": [listed_bucket], "settings": ["versioning"]}}] * 10
    results = ansible.playbook(tasks, env=only_iam(ansible.cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c")))
    assert [r["_status"] for r in results] == ["ok"] * 10
    ops = stack.counters()
    assert ops.get("iam_token") == 1
    assert ops.get("GetBucketVersioning") == 10 and ops.get("ListBucketsExtended") == 10


def test_forked_hosts_share_one_exchange(ansible, stack, listed_bucket, tmp_path):
    results = ansible.playbook([{"ibm.cos.cos_bucket_info": {"name": [listed_bucket], "settings": ["versioning"]}}],
                               hosts=[f"h{i}" for i in range(6)], forks=6,
                               env=only_iam(ansible.cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c")))
    assert len(results) == 6 and all(r["_status"] == "ok" for r in results)
    assert stack.counters().get("iam_token") == 1


def test_hmac_keys_as_task_options_make_no_iam_call(ansible, stack, listed_bucket, cos_env, tmp_path):
    env = {k: v for k, v in cos_env.items()
           if k not in ("IBMCLOUD_API_KEY", "IBM_COS_HMAC_ACCESS_KEY_ID", "IBM_COS_HMAC_SECRET_ACCESS_KEY")}
    args = {"name": [listed_bucket], "settings": ["versioning"],
            "hmac_access_key_id": cos_env["IBM_COS_HMAC_ACCESS_KEY_ID"],
            "hmac_secret_access_key": cos_env["IBM_COS_HMAC_SECRET_ACCESS_KEY"]}
    result = ansible.module("cos_bucket_info", args, env=env, stack_env=False)
    assert result["_status"] == "ok", result.get("msg")
    assert names(result) == [listed_bucket]
    assert "iam_token" not in stack.counters()


def test_trusted_profile_with_compute_resource_token(ansible, stack, listed_bucket, cos_env, tmp_path):
    env = {k: v for k, v in cos_env.items() if k not in ("IBMCLOUD_API_KEY",) and not k.startswith("IBM_COS_HMAC")}
    env["IBM_COS_TOKEN_CACHE_DIR"] = str(tmp_path / "c")
    args = {"name": [listed_bucket], "settings": ["versioning"],
            "trusted_profile_id": cos_env["IBM_TRUSTED_PROFILE_ID"], "cr_token_file": cos_env["IBM_CR_TOKEN_FILE"]}
    result = ansible.module("cos_bucket_info", args, env=env, stack_env=False)
    assert result["_status"] == "ok", result.get("msg")
    assert names(result) == [listed_bucket]
    assert stack.counters().get("iam_token") == 1


def test_prefetched_token_through_module_defaults(ansible, stack, listed_bucket, cos_env):
    response = requests.post(cos_env["IBM_IAM_ENDPOINT"], verify=cos_env["IBM_COS_CA_BUNDLE"], timeout=30,
                             headers={"Authorization": "Basic Yng6Yng="},
                             data={"grant_type": "urn:ibm:params:oauth:grant-type:apikey",
                                   "apikey": cos_env["IBMCLOUD_API_KEY"], "response_type": "cloud_iam"})
    token = response.json()["access_token"]
    stack.reset_counters()
    env = {k: v for k, v in cos_env.items() if k != "IBMCLOUD_API_KEY" and not k.startswith("IBM_COS_HMAC")}
    play_tasks = [{"ibm.cos.cos_bucket_info": {"name": [listed_bucket], "settings": ["versioning"]},
                   "module_defaults": {"group/ibm.cos.cos": {"iam_token": token}}}] * 3
    results = ansible.playbook(play_tasks, env=env, stack_env=False)
    assert all(r["_status"] == "ok" for r in results), results[0].get("msg")
    assert "iam_token" not in stack.counters()
    assert token not in ansible.last_stdout + ansible.last_stderr


def test_credentials_file_as_the_console_downloads_it(ansible, stack, listed_bucket, cos_env, tmp_path):
    keep = ("IBM_COS_ENDPOINT", "IBM_COS_CA_BUNDLE", "IBM_IAM_ENDPOINT", "IBM_COS_CONFIG_ENDPOINT")
    env = {k: cos_env[k] for k in keep}
    env["IBM_COS_TOKEN_CACHE_DIR"] = str(tmp_path / "c")
    args = {"name": [listed_bucket], "settings": ["versioning"],
            "credentials_file": cos_env["IBM_COS_STACK_CREDENTIALS_FILE"]}
    result = ansible.module("cos_bucket_info", args, env=env, stack_env=False)
    assert result["_status"] == "ok", result.get("msg")
    assert names(result) == [listed_bucket]
    assert stack.counters().get("iam_token") == 1  # the file's API key wins over its HMAC keys


def test_region_and_endpoint_type_resolve_through_the_document(ansible, stack, listed_bucket, cos_env, tmp_path):
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    env.pop("IBM_COS_ENDPOINT")
    env.pop("IBM_COS_CONFIG_ENDPOINT")
    tasks = [{"ibm.cos.cos_bucket_info": {"name": [listed_bucket], "settings": ["usage"],
                                          "endpoint_type": kind}} for kind in ("public", "private", "direct")]
    results = ansible.playbook(tasks, env=env, stack_env=False)
    assert [r["_status"] for r in results] == ["ok"] * 3, [r.get("msg") for r in results]
    assert all(names(r) == [listed_bucket] for r in results)
    ops = stack.counters()
    assert ops.get("endpoints_doc") == 1 and ops.get("iam_token") == 1


def test_wrong_api_key(ansible, stack, cos_env, tmp_path):
    bad = "Wr0ngKey-" + "x" * 30
    env = only_iam(cos_env, IBMCLOUD_API_KEY=bad, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    result = ansible.module("cos_bucket_info", {}, env=env, stack_env=False, verbosity=3)
    assert_one_clear_line(result, ansible, "invalid or deleted", "BXNIM0415E", secrets=[bad])
    assert not [op for op in stack.counters() if op[0].isupper()]  # no S3 call was attempted


def test_unreachable_iam(ansible, stack, cos_env, tmp_path):
    env = only_iam(cos_env, IBM_IAM_ENDPOINT="https://127.0.0.1:9/identity/token",
                   IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    result = ansible.module("cos_bucket_info", {}, env=env, stack_env=False, verbosity=3)
    assert_one_clear_line(result, ansible, "cannot reach IAM at https://127.0.0.1:9/identity/token",
                          secrets=[cos_env["IBMCLOUD_API_KEY"]])


def test_unknown_region(ansible, stack, cos_env, tmp_path):
    env = only_iam(cos_env, IBM_COS_REGION="us-sout", IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    env.pop("IBM_COS_ENDPOINT")
    result = ansible.module("cos_bucket_info", {}, env=env, stack_env=False)
    assert_one_clear_line(result, ansible, "region 'us-sout' is not a COS location", "us-south",
                          secrets=[cos_env["IBMCLOUD_API_KEY"]])
    assert "iam_token" not in stack.counters()


def test_tls_is_verified_by_default(ansible, stack, cos_env, tmp_path):
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    env.pop("IBM_COS_CA_BUNDLE")
    result = ansible.module("cos_bucket_info", {}, env=env, stack_env=False)
    assert_one_clear_line(result, ansible, "TLS", "ca_bundle")
    ok = ansible.module("cos_bucket_info", {"ca_bundle": cos_env["IBM_COS_CA_BUNDLE"]}, env=env, stack_env=False)
    assert ok["_status"] == "ok", ok.get("msg")


def test_conflicting_options_fail_before_any_call(ansible, stack, cos_env):
    args = {"api_key": "fake-key-0123456789", "hmac_access_key_id": "fake-id-0123456789",
            "hmac_secret_access_key": "fake-secret-0123456789"}
    result = ansible.module("cos_bucket_info", args)
    assert_one_clear_line(result, ansible, "conflicting auth options", "api_key", "hmac_access_key_id",
                          secrets=list(args.values()))
    assert not any(stack.counters().values())


def test_token_cache_holds_only_the_token(ansible, stack, listed_bucket, cos_env, tmp_path):
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    cache = tmp_path / "c" / "ibm.cos"  # the collection's own directory inside IBM_COS_TOKEN_CACHE_DIR
    assert ansible.module("cos_bucket_info", {"prefix": listed_bucket}, env=env, stack_env=False)["_status"] == "ok"
    files = [p for p in cache.iterdir() if p.suffix == ".json"]
    assert files
    for path in files:
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        assert cos_env["IBMCLOUD_API_KEY"] not in path.read_text()
    assert oct(os.stat(cache).st_mode & 0o777) == "0o700"
