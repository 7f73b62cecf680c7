"""Concurrency: one playbook with forks: 10 over ten buckets (ten inventory hosts), and two playbooks
at once converging the same buckets. No error, and the final state is exactly the desired one."""
from __future__ import annotations

import threading
import uuid

import pytest

from test_reliability_support import AnsibleRunner, empty_and_delete_bucket

HOSTS = [f"h{i}" for i in range(10)]
CREATE_LATENCY_MS = 4000


@pytest.fixture
def stem(s3):
    stem = f"it-conc-{uuid.uuid4().hex[:6]}"
    yield stem
    for name in [f"{stem}-{h}" for h in HOSTS] + [f"{stem}-shared-{i}" for i in range(2)]:
        empty_and_delete_bucket(s3, name)


def bucket_task(name, marker):
    return {"ibm.cos.cos_bucket": {
        "name": name, "versioning": True, "website": {"index_document": f"{marker}.html"},
        "lifecycle_rules": [{"id": "tidy", "abort_incomplete_multipart_upload_days": 2}]}}


def assert_converged(s3, name, marker):
    assert s3.get_bucket_versioning(Bucket=name).get("Status") == "Enabled"
    assert s3.get_bucket_website(Bucket=name)["IndexDocument"] == {"Suffix": f"{marker}.html"}
    [rule] = s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"]
    assert rule["ID"] == "tidy" and rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"] == 2


def test_ten_forks_over_ten_buckets(ansible, stack, s3, stem, tmp_path):
    env = {"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "c")}
    task = bucket_task(f"{stem}-{{{{ inventory_hostname }}}}", "{{ inventory_hostname }}")
    results = ansible.playbook([task], hosts=HOSTS, forks=10, env=env)
    assert sorted(r["_host"] for r in results) == sorted(HOSTS)
    assert all(r["_status"] == "ok" and r["changed"] for r in results), [r.get("msg") for r in results]
    for host in HOSTS:
        assert_converged(s3, f"{stem}-{host}", host)
    ops = stack.counters()
    assert ops.get("iam_token") == 1 and ops.get("CreateBucket") == 10, ops


def test_two_playbooks_at_once_on_the_same_buckets(ansible, stack, s3, stem, cos_env, tmp_path):
    names = [f"{stem}-shared-{i}" for i in range(2)]
    tasks = [bucket_task(name, "same") for name in names]
    outcomes = {}

    def run(label):
        runner = AnsibleRunner(cos_env, tmp_path, tmp_path / "cache")
        outcomes[label] = (runner.playbook(tasks, forks=1), runner.last_stdout + runner.last_stderr)

    # CreateBucket held for a while, so both runs find the buckets missing and both create them:
    # one of each pair meets BucketAlreadyOwnedByYou and must converge the bucket the other made.
    stack.set_fault("CreateBucket", latency_ms=CREATE_LATENCY_MS)
    threads = [threading.Thread(target=run, args=(label,)) for label in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    for label, (results, output) in outcomes.items():
        assert [r["_status"] for r in results] == ["ok"] * len(tasks), (label, [r.get("msg") for r in results])
        assert "Traceback" not in output
    stack.clear_faults()
    for name in names:
        assert_converged(s3, name, "same")
    ops = stack.counters()
    assert ops.get("iam_token") == 1  # one exchange, shared through the cache lock
    assert ops.get("CreateBucket", 0) > len(names), ops  # the race really happened
