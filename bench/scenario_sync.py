"""Scenario 3: push a directory of small files, then push it again with nothing changed.

ibm.cos `cos_sync` and community.aws `s3_sync` (its default `date_size` strategy) each get their
own bucket and the same directory; the resync must upload nothing.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from harness import UPLOAD_OPS, Stack, hmac_client, ibm_side, peer_side, run_playbook


def make_tree(root: Path, count: int) -> None:
    """`count` files of 1-4 KiB in 20 subdirectories, like a small static site or config tree."""
    for i in range(count):
        folder = root / f"dir{i % 20:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"file{i:05d}.txt").write_bytes(os.urandom(1024 * (1 + i % 4)))


def sync_task(contender: str, bucket: str, src: Path) -> dict:
    if contender == "ibm.cos":
        return {"name": "sync", "ibm.cos.cos_sync": {"bucket": bucket, "src": str(src)}}
    return {"name": "sync", "community.aws.s3_sync": {"bucket": bucket, "file_root": str(src),
                                                       "mode": "push"}}


def scenario_sync(stack: Stack, token_cache_dir: Path, files: int) -> dict:
    print(f"scenario 3: sync {files} small files, then a no-op resync", flush=True)
    stack.reset()
    s3 = hmac_client(stack)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    results = {}
    try:
        make_tree(tmp, files)
        for contender, side in (("ibm.cos", ibm_side(stack)), ("amazon.aws", peer_side(stack))):
            bucket = f"bench-sync-{'ibm' if contender == 'ibm.cos' else 'aws'}"
            s3.create_bucket(Bucket=bucket)
            cache = token_cache_dir / f"sync-{bucket}"
            cache.mkdir(parents=True, exist_ok=True)
            env = {"IBM_COS_TOKEN_CACHE_DIR": str(cache)}
            task = [sync_task(contender, bucket, tmp)]
            first = run_playbook(side, f"sync-first-{bucket}", task, stack, env=env)
            stored = sum(page.get("KeyCount", 0)
                         for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket))
            again = run_playbook(side, f"sync-noop-{bucket}", task, stack, env=env)
            results[contender] = {"first": first, "noop": again, "stored": stored,
                                  "noop_uploads": again.count(*UPLOAD_OPS)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"files": files, "results": results}
