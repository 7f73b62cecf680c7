"""cos_sync: a tree of 500 files goes up once; afterwards only what changed moves."""
from __future__ import annotations

import hashlib

from cos_stack.admin import writes


def make_tree(root, count=500):
    for i in range(count):
        sub = root / ("dir%02d" % (i % 20)) / ("sub %d" % (i % 3))
        sub.mkdir(parents=True, exist_ok=True)
        (sub / ("file-%03d.txt" % i)).write_text("content of file %d\n" % i)
    (root / "index.html").write_text("<html></html>")
    (root / "empty.bin").write_bytes(b"")
    (root / "ünï code.css").write_text("body{}")


def remote_keys(s3, bucket, prefix):
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys.extend(o["Key"] for o in page.get("Contents", []))
    return sorted(keys)


def test_tree_of_500_files_then_one_change_and_one_delete(ansible, stack, s3, bucket, tmp_path):
    root = tmp_path / "site"
    make_tree(root)
    task = {"ibm.cos.cos_sync": {"src": str(root), "bucket": bucket, "prefix": "www", "delete": True}}
    s3.put_object(Bucket=bucket, Key="outside/keep.txt", Body=b"not under the prefix")
    stack.reset_counters()

    [first] = ansible.playbook([task])
    assert first["_status"] == "ok" and first["changed"] is True, first.get("msg")
    assert len(first["uploaded"]) == 503 and first["deleted"] == [] and first["unchanged"] == []
    assert writes(stack.counters()) == {"PutObject": 503}
    assert len(remote_keys(s3, bucket, "www/")) == 503
    head = s3.head_object(Bucket=bucket, Key="www/index.html")
    assert head["ContentType"] == "text/html"
    assert s3.head_object(Bucket=bucket, Key="www/ünï code.css")["ContentType"] == "text/css"
    body = s3.get_object(Bucket=bucket, Key="www/dir07/sub 1/file-007.txt")["Body"].read()
    assert body == b"content of file 7\n"

    stack.reset_counters()
    [second] = ansible.playbook([task])
    assert second["changed"] is False and len(second["unchanged"]) == 503
    assert writes(stack.counters()) == {}

    # Same size, different bytes: only the checksum can tell.
    edited = root / "dir05" / "sub 2" / "file-005.txt"
    edited.write_text("CONTENT OF FILE 5\n")
    (root / "dir06" / "sub 0" / "file-006.txt").unlink()
    stack.reset_counters()
    [preview] = ansible.playbook([task], check=True, diff=True)
    assert preview["changed"] is True
    assert preview["uploaded"] == ["www/dir05/sub 2/file-005.txt"]
    assert preview["deleted"] == ["www/dir06/sub 0/file-006.txt"]
    assert "- www/dir06/sub 0/file-006.txt" in preview["diff"]["prepared"]
    assert writes(stack.counters()) == {}

    stack.reset_counters()
    [third] = ansible.playbook([task])
    assert third["updated"] == ["www/dir05/sub 2/file-005.txt"] and third["new"] == []
    assert third["deleted"] == ["www/dir06/sub 0/file-006.txt"]
    assert writes(stack.counters()) == {"PutObject": 1, "DeleteObjects": 1}
    assert s3.get_object(Bucket=bucket, Key="www/dir05/sub 2/file-005.txt")["Body"].read() == b"CONTENT OF FILE 5\n"
    assert "www/dir06/sub 0/file-006.txt" not in remote_keys(s3, bucket, "www/")
    assert remote_keys(s3, bucket, "outside/") == ["outside/keep.txt"]


def test_globs_filter_uploads_and_protect_excluded_objects(ansible, stack, s3, bucket, tmp_path):
    root = tmp_path / "docs"
    (root / "drafts").mkdir(parents=True)
    (root / "a.html").write_text("a")
    (root / "b.tmp").write_text("b")
    (root / "notes.md").write_bytes(hashlib.sha256(b"x").digest())
    (root / "drafts" / "c.html").write_text("c")
    s3.put_object(Bucket=bucket, Key="d/old.tmp", Body=b"excluded, so never deleted")
    s3.put_object(Bucket=bucket, Key="d/gone.html", Body=b"no local file: deleted")
    [result] = ansible.playbook([{"ibm.cos.cos_sync": {
        "src": str(root), "bucket": bucket, "prefix": "d/", "delete": True, "exclude": ["*.tmp", "drafts/*"],
        "content_types": {"md": "text/markdown"}, "cache_control": "max-age=60"}}])
    assert result["_status"] == "ok", result.get("msg")
    assert sorted(result["uploaded"]) == ["d/a.html", "d/notes.md"]
    assert result["deleted"] == ["d/gone.html"]
    assert remote_keys(s3, bucket, "d/") == ["d/a.html", "d/notes.md", "d/old.tmp"]
    head = s3.head_object(Bucket=bucket, Key="d/notes.md")
    assert head["ContentType"] == "text/markdown" and head["CacheControl"] == "max-age=60"
