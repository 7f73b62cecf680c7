"""Faults survived: throttling and server errors on a share of S3 calls, IAM down, a token that
expires mid-run, a Resource Configuration PATCH that loses a race, a connection reset mid-upload.

Every run here ends in an exact final state, checked through the HMAC `s3` fixture after the faults
are cleared, or in one clear failure that a rerun repairs."""
from __future__ import annotations

import hashlib
import os
import uuid

import pytest
import requests

from test_reliability_support import empty_and_delete_bucket
from checks import assert_one_clear_line, only_iam

BUCKETS = 10
FILES = 200
FAULT_RATE = 0.2
HOSTS = ["h0", "h1"]
# Successful calls a fault-free converge of one bucket makes, per write operation.
WRITES_PER_BUCKET = ("CreateBucket", "PutBucketVersioning", "PutBucketWebsite",
                     "PutBucketLifecycleConfiguration", "PutBucketCors")


def desired_bucket(name, index):
    return {"name": name, "versioning": True,
            "website": {"index_document": f"index-{index}.html"},
            "lifecycle_rules": [{"id": "expire-logs", "prefix": "logs/", "expiration_days": 30 + index}],
            "cors_rules": [{"allowed_origins": [f"https://app{index}.example.com"], "allowed_methods": ["GET", "HEAD"]}]}


def assert_bucket_converged(s3, name, index):
    assert s3.get_bucket_versioning(Bucket=name).get("Status") == "Enabled"
    assert s3.get_bucket_website(Bucket=name)["IndexDocument"] == {"Suffix": f"index-{index}.html"}
    [rule] = s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"]
    assert (rule["ID"], rule["Expiration"]["Days"], rule["Status"]) == ("expire-logs", 30 + index, "Enabled")
    [cors] = s3.get_bucket_cors(Bucket=name)["CORSRules"]
    assert cors["AllowedOrigins"] == [f"https://app{index}.example.com"]
    assert sorted(cors["AllowedMethods"]) == ["GET", "HEAD"]


def make_tree(root, count=FILES):
    """`count` small files in a few folders, every one with distinct bytes; returns {relpath: md5}."""
    digests = {}
    for index in range(count):
        rel = f"d{index % 7}/f{index:03d}.txt"
        data = f"file {index}\n".encode() * (1 + index % 5)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        digests[rel] = hashlib.md5(data).hexdigest()
    return digests


def remote_digests(s3, bucket, prefix):
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for entry in page.get("Contents", []):
            found[entry["Key"][len(prefix):]] = entry["ETag"].strip('"')
    return found


@pytest.fixture
def bucket_names(s3, request):
    names = [f"it-faults-{uuid.uuid4().hex[:8]}-{i}" for i in range(BUCKETS)]
    yield names
    for name in names:
        empty_and_delete_bucket(s3, name)


def split_over_hosts(names, hosts=HOSTS):
    """Two hosts converge five buckets each in parallel (forks: 2): the same calls, half the time."""
    plan = {host: [] for host in hosts}
    for index, name in enumerate(names):
        plan[hosts[index % len(hosts)]].append(dict(desired_bucket(name, index)))
    tasks = []
    for step in range(len(names) // len(hosts)):
        this = f"plan[inventory_hostname][{step}]"
        tasks.append({"ibm.cos.cos_bucket": {
            "name": f"{{{{ {this}.name }}}}", "versioning": True, "website": f"{{{{ {this}.website }}}}",
            "lifecycle_rules": f"{{{{ {this}.lifecycle_rules }}}}", "cors_rules": f"{{{{ {this}.cors_rules }}}}"},
            "vars": {"plan": plan}})
    return tasks


@pytest.mark.parametrize("status", [503, 500])
def test_converge_and_sync_through_a_fifth_of_calls_failing(ansible, stack, s3, bucket_names, tmp_path, status):
    tree = tmp_path / "tree"
    digests = make_tree(tree)
    sync_bucket = bucket_names[0]
    tasks = split_over_hosts(bucket_names)
    tasks.append({"ibm.cos.cos_sync": {"bucket": sync_bucket, "src": str(tree), "prefix": "site"},
                  "when": f"inventory_hostname == {HOSTS[0]!r}"})
    stack.set_fault("*", status=status, rate=FAULT_RATE)
    results = ansible.playbook(tasks, hosts=HOSTS, forks=len(HOSTS))
    stack.clear_faults()
    ops = stack.counters()
    ran = [r for r in results if r["_status"] != "skipped"]
    assert len(ran) == BUCKETS + 1
    assert [r["_status"] for r in ran] == ["ok"] * len(ran), [r.get("msg") for r in ran]
    assert all(r["changed"] for r in ran)
    for index, name in enumerate(bucket_names):
        assert_bucket_converged(s3, name, index)
    assert remote_digests(s3, sync_bucket, "site/") == digests
    # Every write that had to be repeated is one more attempt than the successful calls.
    expected = dict({op: BUCKETS for op in WRITES_PER_BUCKET}, PutObject=FILES)
    retried = {op: ops.get(op, 0) - count for op, count in expected.items()}
    assert all(extra >= 0 for extra in retried.values()), (ops, expected)
    attempts, repeats = sum(ops.get(op, 0) for op in expected), sum(retried.values())
    print(f"\n[faults {status}] {attempts} write attempts for {sum(expected.values())} writes: "
          f"{repeats} retried ({repeats / attempts:.0%}); all calls counted: {sum(ops.values())}")
    assert repeats > 0, "the fault never fired"
    assert "Traceback" not in ansible.last_stdout + ansible.last_stderr


def test_iam_unavailable_is_one_clear_failure(ansible, stack, cos_env, tmp_path):
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    stack.configure(iam_available=False)
    try:
        result = ansible.module("cos_bucket", {"name": "it-iam-down-never-created"}, env=env,
                                stack_env=False, verbosity=3)
    finally:
        stack.configure(iam_available=True)
    assert_one_clear_line(result, ansible, "IAM at", "503", secrets=[cos_env["IBMCLOUD_API_KEY"]])
    ops = stack.counters()
    assert not [op for op in ops if op[0].isupper()], ops  # no S3 call without a token


def test_iam_answering_503_twice_is_asked_again(ansible, stack, cos_env, tmp_path):
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    stack.set_fault("iam_token", status=503, count=2)
    result = ansible.module("cos_bucket_info", {"prefix": "it-none-"}, env=env, stack_env=False)
    assert result["_status"] == "ok", result.get("msg")
    assert stack.counters().get("iam_token") == 3


def test_token_expiring_mid_run_is_refreshed(ansible, stack, cos_env, bucket_name, tmp_path):
    lifetime, steps = 4, 3
    env = only_iam(cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    tasks = []
    for index in range(steps):
        tasks.append({"ibm.cos.cos_bucket": {"name": bucket_name, "website": {"index_document": f"step-{index}.html"}}})
        tasks.append({"ansible.builtin.pause": {"seconds": lifetime - 1}})
    stack.configure(token_lifetime=lifetime)
    try:
        results = ansible.playbook(tasks, env=env, stack_env=False)
    finally:
        stack.configure(token_lifetime=None)
    assert [r["_status"] for r in results] == ["ok"] * len(tasks), [r.get("msg") for r in results]
    ops = stack.counters()
    exchanges, s3_calls = ops.get("iam_token", 0), sum(n for op, n in ops.items() if op[0].isupper())
    print(f"\n[token] lifetime {lifetime}s, {steps} tasks over >{steps * (lifetime - 1)}s: "
          f"{exchanges} exchanges for {s3_calls} S3 calls")
    # At most two a task: the controller's, and the module's own when the token it was handed nears
    # expiry before its first call (a 4 s token leaves under a second of margin). Never one per call.
    assert 1 < exchanges <= 2 * steps < s3_calls
    website = ansible_s3(ansible).get_bucket_website(Bucket=bucket_name)
    assert website["IndexDocument"] == {"Suffix": f"step-{steps - 1}.html"}


def ansible_s3(runner):
    from test_reliability_support import hmac_client as _hmac_client

    return _hmac_client(runner.cos_env)


def config_api_body(cos_env, bucket):
    token = requests.post(cos_env["IBM_IAM_ENDPOINT"], verify=cos_env["IBM_COS_CA_BUNDLE"], timeout=30,
                          headers={"Authorization": "Basic Yng6Yng="},
                          data={"grant_type": "urn:ibm:params:oauth:grant-type:apikey",
                                "apikey": cos_env["IBMCLOUD_API_KEY"], "response_type": "cloud_iam"}
                          ).json()["access_token"]
    response = requests.get(f"{cos_env['IBM_COS_CONFIG_ENDPOINT']}/b/{bucket}", timeout=30,
                            verify=cos_env["IBM_COS_CA_BUNDLE"], headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    return response.json()


def test_config_patch_answered_412_is_reread_and_retried(ansible, stack, s3, cos_env, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    args = {"name": bucket_name, "hard_quota": "2GB",
            "activity_tracking": {"read_data_events": True, "management_events": True}}
    stack.reset_counters()
    stack.set_fault("config_patch", status=412, count=1)
    result = ansible.module("cos_bucket", args)
    assert result["_status"] == "ok", result.get("msg")
    assert result["changed"] is True
    ops = stack.counters()
    assert ops.get("config_patch") == 2 and ops.get("config_get") == 2, ops
    body = config_api_body(cos_env, bucket_name)
    assert body["hard_quota"] == 2 * 10 ** 9
    assert body["activity_tracking"] == {"read_data_events": True, "write_data_events": False,
                                         "management_events": True}
    again = ansible.module("cos_bucket", args)
    assert again["_status"] == "ok" and again["changed"] is False


MULTIPART_SIZE = 11 * 1024 * 1024 + 17  # three 5 MiB parts (the smallest part_size_mb)


@pytest.fixture
def big_file(tmp_path):
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(MULTIPART_SIZE))
    return path


def sha256_of_object(s3, bucket, key):
    return hashlib.sha256(s3.get_object(Bucket=bucket, Key=key)["Body"].read()).hexdigest()


def test_connection_reset_mid_multipart_is_retried(ansible, stack, s3, bucket_name, big_file):
    s3.create_bucket(Bucket=bucket_name)
    stack.reset_counters()
    stack.set_fault("UploadPart", reset_connection=True, count=1)
    result = ansible.module("cos_object", {"bucket": bucket_name, "key": "big.bin", "src": str(big_file),
                                           "part_size_mb": 5})
    stack.clear_faults()
    assert result["_status"] == "ok", result.get("msg")
    assert stack.counters().get("UploadPart") == 4  # three parts, one sent twice
    assert sha256_of_object(s3, bucket_name, "big.bin") == hashlib.sha256(big_file.read_bytes()).hexdigest()


def test_multipart_that_keeps_failing_fails_cleanly_and_a_rerun_completes(ansible, stack, s3, bucket_name, big_file):
    s3.create_bucket(Bucket=bucket_name)
    args = {"bucket": bucket_name, "key": "big.bin", "src": str(big_file), "part_size_mb": 5, "retries": 1}
    stack.set_fault("UploadPart", reset_connection=True)
    failed = ansible.module("cos_object", args, verbosity=3)
    stack.clear_faults()
    assert_one_clear_line(failed, ansible, "big.bin")
    assert s3.list_objects_v2(Bucket=bucket_name).get("KeyCount") == 0  # no partial object
    assert s3.list_multipart_uploads(Bucket=bucket_name).get("Uploads", []) == []  # aborted, not left behind
    done = ansible.module("cos_object", args)
    assert done["_status"] == "ok" and done["changed"], done.get("msg")
    assert sha256_of_object(s3, bucket_name, "big.bin") == hashlib.sha256(big_file.read_bytes()).hexdigest()
    stack.reset_counters()
    again = ansible.module("cos_object", args)
    assert again["_status"] == "ok" and again["changed"] is False
    assert "UploadPart" not in stack.counters()
