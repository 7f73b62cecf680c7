"""cos_sync direction=pull: the objects under a prefix become files, and a rerun moves nothing."""
from __future__ import annotations

import os
import time

from cos_stack.admin import writes
from harness import short_lived_tokens


def local_tree(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_pull_exact_bytes_then_only_changes_and_delete(ansible, stack, s3, bucket, tmp_path):
    payload = bytes(range(256)) * 40
    s3.put_object(Bucket=bucket, Key="data/a.bin", Body=payload)
    s3.put_object(Bucket=bucket, Key="data/sub/b.txt", Body=b"bee\n")
    s3.put_object(Bucket=bucket, Key="data/skip.tmp", Body=b"excluded")
    s3.put_object(Bucket=bucket, Key="other/c.txt", Body=b"outside the prefix")
    dest = tmp_path / "copy"
    (dest / "old").mkdir(parents=True)
    (dest / "old" / "gone.txt").write_text("no object: deleted")
    (dest / "keep.tmp").write_text("excluded: never deleted")
    task = {"ibm.cos.cos_sync": {"src": str(dest), "direction": "pull", "bucket": bucket, "prefix": "data",
                                 "delete": True, "exclude": ["*.tmp"]}}

    stack.reset_counters()
    [preview] = ansible.playbook([task], check=True, diff=True)
    assert preview["_status"] == "ok" and preview["changed"] is True, preview.get("msg")
    assert preview["downloaded"] == ["a.bin", "sub/b.txt"] and preview["deleted"] == ["old/gone.txt"]
    assert "- old/gone.txt" in preview["diff"]["prepared"] and "+ a.bin" in preview["diff"]["prepared"]
    assert local_tree(dest) == ["keep.tmp", "old/gone.txt"]
    assert stack.counters().get("ListObjectsV2") == 1 and "GetObject" not in stack.counters() and writes(stack.counters()) == {}

    stack.reset_counters()
    [first] = ansible.playbook([task])
    assert first["changed"] is True and first["new"] == ["a.bin", "sub/b.txt"]
    assert first["bytes_downloaded"] == len(payload) + 4 and first["uploaded"] == []
    assert local_tree(dest) == ["a.bin", "keep.tmp", "sub/b.txt"]
    assert (dest / "a.bin").read_bytes() == payload and (dest / "sub" / "b.txt").read_bytes() == b"bee\n"
    modified = s3.head_object(Bucket=bucket, Key="data/a.bin")["LastModified"].timestamp()
    assert int(os.stat(dest / "a.bin").st_mtime) == int(modified)
    assert stack.counters().get("GetObject") == 2 and writes(stack.counters()) == {}

    for strategy in ("etag", "size_mtime"):
        stack.reset_counters()
        [again] = ansible.playbook([{"ibm.cos.cos_sync": dict(task["ibm.cos.cos_sync"], strategy=strategy)}])
        assert again["changed"] is False and again["unchanged"] == ["a.bin", "sub/b.txt"], strategy
        assert "GetObject" not in stack.counters(), strategy

    # Same size, new bytes: the ETag tells; only that object moves.
    s3.put_object(Bucket=bucket, Key="data/sub/b.txt", Body=b"BEE\n")
    stack.reset_counters()
    [third] = ansible.playbook([task])
    assert third["updated"] == ["sub/b.txt"] and third["new"] == [] and third["deleted"] == []
    assert (dest / "sub" / "b.txt").read_bytes() == b"BEE\n"
    assert stack.counters().get("GetObject") == 1

    stack.reset_counters()
    [forced] = ansible.playbook([{"ibm.cos.cos_sync": dict(task["ibm.cos.cos_sync"], strategy="always")}])
    assert forced["changed"] is True and forced["updated"] == ["a.bin", "sub/b.txt"]
    assert stack.counters().get("GetObject") == 2


def test_pull_interrupted_download_leaves_no_partial_file(ansible, stack, s3, bucket, tmp_path):
    s3.put_object(Bucket=bucket, Key="p/big.bin", Body=os.urandom(2 * 1024 * 1024))
    dest = tmp_path / "copy"
    dest.mkdir()
    (dest / "big.bin").write_bytes(b"the old version")
    stack.set_fault("GetObject", reset_connection=True)
    task = {"ibm.cos.cos_sync": {"src": str(dest), "direction": "pull", "bucket": bucket, "prefix": "p",
                                 "retries": 0}}
    [failed] = ansible.playbook([task])
    assert failed["_status"] == "failed"
    assert local_tree(dest) == ["big.bin"] and (dest / "big.bin").read_bytes() == b"the old version"

    # A temporary file a killed run left behind is not synced, and the next run removes it.
    (dest / ".big.bin.x1y2.cos-sync-part").write_bytes(b"partial")
    stack.clear_faults()
    [done] = ansible.playbook([task])
    assert done["_status"] == "ok" and done["updated"] == ["big.bin"], done.get("msg")
    assert local_tree(dest) == ["big.bin"]
    assert (dest / "big.bin").read_bytes() == s3.get_object(Bucket=bucket, Key="p/big.bin")["Body"].read()


def test_pull_refuses_a_key_that_would_leave_the_directory(ansible, stack, s3, bucket, tmp_path):
    s3.put_object(Bucket=bucket, Key="p/../escape.txt", Body=b"x")
    dest = tmp_path / "copy"
    [result] = ansible.playbook([{"ibm.cos.cos_sync": {"src": str(dest), "direction": "pull", "bucket": bucket,
                                                       "prefix": "p"}}])
    assert result["_status"] == "failed" and "p/../escape.txt" in result["msg"]
    assert not (tmp_path / "escape.txt").exists() and not dest.exists()


# 10 s: IAM's `expiration` is whole seconds and the client reckons expiry from its own clock, so a
# token under about 6 s leaves no margin to refresh in (see the push test in test_cos_sync_modes.py).
def test_a_pull_outliving_its_token_refreshes_it(ansible, stack, s3, bucket, tmp_path, lifetime=10, count=44):
    """Each download takes at least 0.25 s: 44 objects one at a time take 11 s after the token was
    issued (before the listing), so the first token expires in the middle of the pull."""
    payloads = {"long/f%02d.bin" % i: os.urandom(1000 + i) for i in range(count)}
    for key, body in payloads.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    dest = tmp_path / "copy"
    with short_lived_tokens(stack, lifetime, "GetObject"):
        started = time.monotonic()
        [result] = ansible.playbook(
            [{"ibm.cos.cos_sync": {"src": str(dest), "direction": "pull", "bucket": bucket, "prefix": "long",
                                   "max_concurrency": 1}}],
            env={"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "fresh-token-cache")})
        elapsed = time.monotonic() - started
    assert result["_status"] == "ok" and len(result["new"]) == count, result.get("msg")
    assert elapsed > lifetime + 1
    counts = stack.counters()
    # One GetObject per object (every request counts, refused ones too): none met an expired token.
    assert counts.get("GetObject") == count and counts.get("ListObjectsV2") == 1 and writes(counts) == {}
    # One exchange to start, one more each time the token nears expiry (a fifth of its life before),
    # never one per call.
    exchanges = counts.get("iam_token", 0)
    assert 2 <= exchanges <= 1 + int(elapsed // (lifetime * 0.8)), (exchanges, elapsed)
    assert local_tree(dest) == sorted(key[len("long/"):] for key in payloads)
    for key, body in payloads.items():
        assert (dest / key[len("long/"):]).read_bytes() == body, key
