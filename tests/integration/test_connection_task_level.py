"""Connection settings as a task gives them: `async:`, the task's `environment:`, a task's choice of
endpoint and credentials over the environment's, cleartext endpoints, the token cache directory,
and set-up mistakes that must name their option before any call."""
from __future__ import annotations

import hashlib
import json
import os
import stat

import pytest
from checks import assert_one_clear_line, only_iam
from harness import hmac_client

MIB = 1024 * 1024


def _bucket_in(s3, cos_env, bucket, region="us-south"):
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": f"{region}-smart"})
    return bucket


def _without(env, *names):
    return {k: v for k, v in env.items() if k not in names}


def test_async_upload_and_sync_run_to_the_end_with_async_status(ansible, stack, s3, cos_env, bucket_name, tmp_path):
    _bucket_in(s3, cos_env, bucket_name)
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(30 * MIB))
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    for name, text in (("a.txt", "a\n"), ("sub/b.txt", "b\n"), ("sub/c.txt", "c\n")):
        (tree / name).write_text(text)
    tasks = [
        {"name": "upload", "ibm.cos.cos_object": {"bucket": bucket_name, "key": "big.bin", "src": str(big)},
         "async": 600, "poll": 0, "register": "upload"},
        {"name": "sync", "ibm.cos.cos_sync": {"bucket": bucket_name, "src": str(tree), "prefix": "tree"},
         "async": 600, "poll": 0, "register": "sync"},
    ]
    for job in ("upload", "sync"):
        tasks.append({"name": f"wait-{job}", "ansible.builtin.async_status": {"jid": f"{{{{ {job}.ansible_job_id }}}}"},
                      "register": f"{job}_done", "until": f"{job}_done.finished", "retries": 300, "delay": 1})
    results = {r["_task"]: r for r in ansible.playbook(tasks)}
    assert results["upload"]["_status"] == "ok" and results["upload"].get("ansible_job_id"), results["upload"]
    for job in ("upload", "sync"):
        done = results[f"wait-{job}"]
        assert done["_status"] == "ok" and done["finished"] and done["changed"], done.get("msg")
    head = s3.head_object(Bucket=bucket_name, Key="big.bin")
    assert head["ContentLength"] == 30 * MIB
    body = s3.get_object(Bucket=bucket_name, Key="big.bin")["Body"].read()
    assert hashlib.sha256(body).digest() == hashlib.sha256(big.read_bytes()).digest()
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket_name, Prefix="tree")["Contents"])
    assert keys == ["tree/a.txt", "tree/sub/b.txt", "tree/sub/c.txt"]
    assert stack.counters().get("iam_token", 0) <= 1


def test_api_key_from_the_task_environment_is_the_one_used(ansible, stack, s3, cos_env, bucket_name, tmp_path):
    """The controller's own environment holds a key that sees nothing; the task's `environment:` holds
    the writer's. The task must run with the writer's."""
    _bucket_in(s3, cos_env, bucket_name)
    env = only_iam(cos_env, IBMCLOUD_API_KEY=cos_env["IBM_COS_STACK_OTHER_API_KEY"],
                   IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    task = {"ibm.cos.cos_bucket_info": {"name": [bucket_name], "settings": ["versioning"]},
            "environment": {"IBMCLOUD_API_KEY": cos_env["IBMCLOUD_API_KEY"]}}
    [result] = ansible.playbook([task], env=env, stack_env=False)
    assert result["_status"] == "ok", result.get("msg")
    assert [b["name"] for b in result["buckets"]] == [bucket_name]
    assert stack.counters().get("iam_token") == 1 and stack.counters().get("GetBucketVersioning") == 1


def test_endpoint_from_the_task_environment_is_the_one_used(ansible, stack, s3, cos_env, bucket_name, tmp_path):
    """The controller's environment names region `us`; the task's `environment:` names the us-south
    endpoint, where the bucket is. An endpoint beats a region at the same level."""
    _bucket_in(s3, cos_env, bucket_name)
    env = only_iam(_without(cos_env, "IBM_COS_ENDPOINT"), IBM_COS_REGION="us",
                   IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    task = {"ibm.cos.cos_bucket_info": {"name": [bucket_name]},
            "environment": {"IBM_COS_ENDPOINT": cos_env["IBM_COS_ENDPOINT"]}}
    [result] = ansible.playbook([task], env=env, stack_env=False)
    assert result["_status"] == "ok", result.get("msg")
    assert [b["name"] for b in result["buckets"]] == [bucket_name]
    assert result["buckets"][0]["location"] == "us-south"


def test_task_region_wins_over_the_environment_endpoint(ansible, stack, s3, cos_env, bucket_name):
    """IBM_COS_ENDPOINT points at us-south; a task that names region `us` creates its bucket in `us`."""
    result = ansible.module("cos_bucket", {"name": bucket_name, "region": "us"})
    assert result["_status"] == "ok" and result["changed"], result.get("msg")
    document = json.loads(stack_document(cos_env))
    us_host = next(iter(document["service-endpoints"]["cross-region"]["us"]["public"].values()))
    us = hmac_client(cos_env, endpoint_url=f"https://{us_host}")
    assert us.head_bucket(Bucket=bucket_name)["ResponseMetadata"]["HTTPStatusCode"] == 200
    with pytest.raises(Exception, match="404|Not Found|NoSuchBucket"):
        s3.head_bucket(Bucket=bucket_name)  # the us-south endpoint does not know it
    us.delete_bucket(Bucket=bucket_name)


def stack_document(cos_env):
    import requests

    return requests.get(cos_env["IBM_COS_ENDPOINTS_URL"], verify=cos_env["IBM_COS_CA_BUNDLE"], timeout=30).text


def test_task_credentials_file_wins_over_the_environment_api_key(ansible, stack, s3, cos_env, bucket_name, tmp_path):
    _bucket_in(s3, cos_env, bucket_name)
    env = only_iam(cos_env, IBMCLOUD_API_KEY=cos_env["IBM_COS_STACK_OTHER_API_KEY"],
                   IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    args = {"name": [bucket_name], "credentials_file": cos_env["IBM_COS_STACK_CREDENTIALS_FILE"]}
    result = ansible.module("cos_bucket_info", args, env=env, stack_env=False)
    assert result["_status"] == "ok", result.get("msg")
    assert [b["name"] for b in result["buckets"]] == [bucket_name]


@pytest.mark.parametrize("option", ["endpoint", "iam_endpoint", "config_endpoint"])
def test_cleartext_endpoints_are_refused_before_any_call(ansible, stack, cos_env, tmp_path, option):
    url = {"endpoint": cos_env["IBM_COS_ENDPOINT"], "iam_endpoint": cos_env["IBM_IAM_ENDPOINT"],
           "config_endpoint": cos_env["IBM_COS_CONFIG_ENDPOINT"]}[option].replace("https://", "http://")
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    result = ansible.module("cos_bucket_info", {option: url}, env=env, stack_env=False)
    assert_one_clear_line(result, ansible, option, "cleartext", "allow_insecure_http",
                          secrets=[cos_env["IBMCLOUD_API_KEY"]])
    assert not any(stack.counters().values())


def test_cleartext_iam_is_used_only_when_the_user_opts_in(ansible, stack, cos_env, tmp_path):
    """Opted in, the collection does send to the http URL (the stack answers only TLS, so it fails there)."""
    url = cos_env["IBM_IAM_ENDPOINT"].replace("https://", "http://")
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"), IBM_COS_ALLOW_INSECURE_HTTP="true")
    result = ansible.module("cos_bucket_info", {"iam_endpoint": url}, env=env, stack_env=False)
    assert result["_status"] == "failed" and "cannot reach IAM at http://" in result["msg"], result.get("msg")


def test_a_shared_sticky_cache_directory_is_left_as_it_is(ansible, stack, cos_env, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(shared))
    result = ansible.module("cos_bucket_info", {"prefix": "zz-none"}, env=env, stack_env=False)
    assert result["_status"] == "ok", result.get("msg")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    private = shared / "ibm.cos"
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert [p.name for p in private.iterdir() if p.name.startswith("token-") and p.suffix == ".json"]


def test_a_cache_directory_others_can_write_is_refused(ansible, stack, cos_env, tmp_path):
    open_dir = tmp_path / "open"
    open_dir.mkdir()
    os.chmod(open_dir, 0o777)
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(open_dir))
    result = ansible.module("cos_bucket_info", {}, env=env, stack_env=False)
    assert_one_clear_line(result, ansible, str(open_dir), "no sticky bit", "IBM_COS_TOKEN_CACHE_DIR")
    assert stat.S_IMODE(open_dir.stat().st_mode) == 0o777 and not list(open_dir.iterdir())
    assert "iam_token" not in stack.counters()


def test_credentials_file_with_a_number_names_the_field(ansible, stack, cos_env, tmp_path):
    path = tmp_path / "creds.json"
    path.write_text(json.dumps({"apikey": cos_env["IBMCLOUD_API_KEY"], "resource_instance_id": 42}))
    result = ansible.module("cos_bucket_info", {"credentials_file": str(path)}, env=only_iam(cos_env), stack_env=False)
    assert_one_clear_line(result, ansible, "credentials_file", "'resource_instance_id'", "must be a string",
                          secrets=[cos_env["IBMCLOUD_API_KEY"]])
    assert not any(stack.counters().values())


@pytest.mark.parametrize("kind, words", [("missing", ["cannot be read"]), ("directory", ["is a directory"]),
                                         ("junk", ["no PEM certificate"])])
def test_ca_bundle_problems_name_ca_bundle_before_any_call(ansible, stack, cos_env, tmp_path, kind, words):
    path = {"missing": tmp_path / "none.pem", "directory": tmp_path, "junk": tmp_path / "junk.pem"}[kind]
    if kind == "junk":
        path.write_text("this is not a certificate\n")
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    result = ansible.module("cos_bucket_info", {"ca_bundle": str(path)}, env=env, stack_env=False)
    assert_one_clear_line(result, ansible, f"ca_bundle {str(path)!r}", *words)
    assert not any(stack.counters().values())
