"""cos_sync pushes: a single file, change strategies, symbolic link loops, and a run that outlives
its IAM token."""
from __future__ import annotations

import os
import time

from cos_stack.admin import writes
from harness import short_lived_tokens


def keys(s3, bucket, prefix=""):
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", []))


def test_single_file_goes_to_prefix_plus_its_name(ansible, stack, s3, bucket, tmp_path):
    source = tmp_path / "robots.txt"
    source.write_bytes(b"User-agent: *\n")
    s3.put_object(Bucket=bucket, Key="www/other.html", Body=b"not the file's business")
    task = {"ibm.cos.cos_sync": {"src": str(source), "bucket": bucket, "prefix": "www", "delete": True}}
    stack.reset_counters()
    [first] = ansible.playbook([task])
    assert first["_status"] == "ok" and first["uploaded"] == ["www/robots.txt"], first.get("msg")
    assert first["deleted"] == []
    assert writes(stack.counters()) == {"PutObject": 1}
    assert keys(s3, bucket) == ["www/other.html", "www/robots.txt"]
    assert s3.get_object(Bucket=bucket, Key="www/robots.txt")["Body"].read() == b"User-agent: *\n"

    stack.reset_counters()
    [second] = ansible.playbook([task])
    assert second["changed"] is False and second["unchanged"] == ["www/robots.txt"]
    assert writes(stack.counters()) == {}


def test_strategies_decide_what_is_uploaded(ansible, stack, s3, bucket, tmp_path):
    root = tmp_path / "tree"
    root.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (root / name).write_text("same size " + name)
    base = {"src": str(root), "bucket": bucket, "prefix": "s"}
    [first] = ansible.playbook([{"ibm.cos.cos_sync": dict(base, strategy="size_mtime")}])
    assert first["_status"] == "ok" and len(first["uploaded"]) == 3, first.get("msg")

    stack.reset_counters()
    [again] = ansible.playbook([{"ibm.cos.cos_sync": dict(base, strategy="size_mtime")}])
    assert again["changed"] is False and writes(stack.counters()) == {}

    # Same size, new bytes, a modification time after the upload: size_mtime sees it.
    future = time.time() + 120
    (root / "a.txt").write_text("SAME SIZE a.txt")
    os.utime(root / "a.txt", (future, future))
    # Same bytes, a new time: size_mtime uploads it again, etag knows better.
    os.utime(root / "b.txt", (future, future))
    stack.reset_counters()
    [etag] = ansible.playbook([{"ibm.cos.cos_sync": dict(base, strategy="etag")}], check=True)
    assert etag["uploaded"] == ["s/a.txt"] and writes(stack.counters()) == {}
    [mtime] = ansible.playbook([{"ibm.cos.cos_sync": dict(base, strategy="size_mtime")}])
    assert mtime["updated"] == ["s/a.txt", "s/b.txt"] and mtime["unchanged"] == ["s/c.txt"]
    assert writes(stack.counters()) == {"PutObject": 2}
    assert s3.get_object(Bucket=bucket, Key="s/a.txt")["Body"].read() == b"SAME SIZE a.txt"

    stack.reset_counters()
    [forced] = ansible.playbook([{"ibm.cos.cos_sync": dict(base, strategy="always")}])
    assert forced["changed"] is True and forced["updated"] == ["s/a.txt", "s/b.txt", "s/c.txt"]
    assert writes(stack.counters()) == {"PutObject": 3}


def test_symlink_loop_fails_naming_the_link_before_any_upload(ansible, stack, s3, bucket, tmp_path):
    root = tmp_path / "tree"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "file.txt").write_text("one file")
    (root / "sub" / "back").symlink_to("..")
    outside = tmp_path / "shared"
    outside.mkdir()
    (outside / "lib.txt").write_text("linked in")
    (root / "shared").symlink_to(outside)
    task = {"src": str(root), "bucket": bucket, "prefix": "t"}
    stack.reset_counters()
    [looped] = ansible.playbook([{"ibm.cos.cos_sync": dict(task, follow_symlinks=True)}])
    assert looped["_status"] == "failed"
    assert str(root / "sub" / "back") in looped["msg"] and "loop" in looped["msg"]
    assert writes(stack.counters()) == {} and keys(s3, bucket) == []

    [skipped] = ansible.playbook([{"ibm.cos.cos_sync": dict(task, follow_symlinks=False)}])
    assert skipped["_status"] == "ok" and skipped["uploaded"] == ["t/sub/file.txt"], skipped.get("msg")

    (root / "sub" / "back").unlink()
    [followed] = ansible.playbook([{"ibm.cos.cos_sync": dict(task, follow_symlinks=True)}])
    assert followed["_status"] == "ok" and followed["new"] == ["t/shared/lib.txt"], followed.get("msg")
    assert keys(s3, bucket) == ["t/shared/lib.txt", "t/sub/file.txt"]


# 8 s, not less: IAM's `expiration` is whole seconds (the stack truncates as IAM does) while the
# client reckons expiry as its own clock plus `expires_in`, up to a second late. The refresh margin,
# a fifth of the lifetime, covers that second only from about 6 s up.
def test_a_sync_outliving_its_token_refreshes_it(ansible, stack, s3, bucket, tmp_path, lifetime=8):
    """Each upload takes at least 0.25 s: 50 files one at a time outlive the token."""
    root = tmp_path / "many"
    root.mkdir()
    for i in range(50):
        (root / ("f%02d.txt" % i)).write_text("file %d" % i)
    with short_lived_tokens(stack, lifetime, "PutObject"):
        started = time.monotonic()
        [result] = ansible.playbook(
            [{"ibm.cos.cos_sync": {"src": str(root), "bucket": bucket, "prefix": "long", "max_concurrency": 1}}],
            env={"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "fresh-token-cache")})
        elapsed = time.monotonic() - started
    assert result["_status"] == "ok" and len(result["uploaded"]) == 50, result.get("msg")
    assert elapsed > lifetime + 2
    counts = stack.counters()
    # Every upload was one PutObject: none was refused for an expired token (AccessDenied is final).
    assert writes(counts) == {"PutObject": 50}
    assert counts.get("iam_token", 0) >= 2
    assert len(keys(s3, bucket, "long/")) == 50
