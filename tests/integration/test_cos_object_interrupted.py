"""A cos_object upload killed with SIGKILL mid-way leaves its multipart upload behind (COS bills the
parts); the next run of the same task aborts exactly the uploads earlier runs of it started, and
leaves another tool's upload of the same key alone."""
from __future__ import annotations

import hashlib
import os

import signal
import time

from test_reliability_interrupted import start_playbook, write_calls

PARTS = 12


def descendants(pid):
    """Every process below `pid`: ansible's workers call setsid, so a process-group kill misses them."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, encoding="utf-8") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_upload_when(process, stack, reached, timeout=120):
    """SIGKILL the playbook and every process it started (the module doing the upload included)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if reached(stack.counters()):
            for pid in [process.pid] + descendants(process.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            process.wait(timeout=30)
            return True
        time.sleep(0.05)
    process.kill()
    process.wait(timeout=30)
    return False


def uploads(s3, bucket, key):
    return sorted(u["UploadId"] for u in s3.list_multipart_uploads(Bucket=bucket, Prefix=key).get("Uploads", [])
                  if u["Key"] == key)


def test_a_rerun_aborts_the_uploads_killed_runs_left(ansible, stack, s3, bucket_name, tmp_path):
    s3.create_bucket(Bucket=bucket_name)
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(PARTS * 5 * 1024 * 1024))
    foreign = s3.create_multipart_upload(Bucket=bucket_name, Key="big.bin")["UploadId"]
    env = {"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "cache")}
    task = {"ibm.cos.cos_object": {"bucket": bucket_name, "key": "big.bin", "src": str(big),
                                   "part_size_mb": 5, "max_concurrency": 1}}
    stack.set_fault("UploadPart", latency_ms=300, bucket=bucket_name)  # so the kill lands mid-upload
    try:
        killed = []
        for _ in range(3):
            stack.reset_counters()
            killed.append(kill_upload_when(start_playbook(ansible, [task], env), stack,
                                           write_calls(2, "UploadPart")))
    finally:
        stack.clear_faults()
    assert killed == [True, True, True]
    left = [u for u in uploads(s3, bucket_name, "big.bin") if u != foreign]
    assert len(left) == 1, "each killed run aborted the upload the run before it left; the last one stays"

    stack.reset_counters()
    [result] = ansible.playbook([task], env=env)
    assert result["_status"] == "ok" and result["changed"], result.get("msg")
    assert sorted(a.split()[-1] for a in result["actions"] if a.startswith("aborted")) == sorted(left)
    assert stack.counters().get("AbortMultipartUpload") == 1
    assert uploads(s3, bucket_name, "big.bin") == [foreign], "another tool's upload is not ours to abort"
    body = s3.get_object(Bucket=bucket_name, Key="big.bin")["Body"].read()
    assert hashlib.sha256(body).hexdigest() == hashlib.sha256(big.read_bytes()).hexdigest()

    stack.reset_counters()
    [again] = ansible.playbook([task], env=env)
    assert again["changed"] is False and "AbortMultipartUpload" not in stack.counters()
    s3.abort_multipart_upload(Bucket=bucket_name, Key="big.bin", UploadId=foreign)
