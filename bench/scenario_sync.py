"""Scenario 3: push a directory of small files, push it again with nothing changed, and resync a
large object count with nothing changed.

Three contenders push the same directory of N files of 1-64 KiB, each into a bucket of its own:
ibm.cos `cos_sync`, community.aws `s3_sync` (its default `date_size` strategy) and the AWS CLI's
`aws s3 sync` (PyPI `awscli` in the peer's venv, the stack's HMAC keys). The first push is reported
in objects per second, the resync must upload nothing. s3_sync makes two requests per file and is
the slowest by far: `s3sync_files` gives it the first K files only (its rate is per object either
way). The raw floor (bench/raw_sync.py: ibm_boto3 PutObject of every file, 8 threads, no listing,
no planning) shows what the stack itself allows.

The large resync (3b) is ibm.cos alone: a directory of tiny files is pushed once (the seed, timed
but not judged), then pushed again; listing the bucket should be the only work, about one
ListObjectsV2 per 1,000 keys, with no HEAD and no PUT. The raw client's listing of the same bucket
(bench/raw_sync.py list) is its floor.
"""
from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import json
import os

from harness import (BENCH, IBM_CONNECTION_ENV, PEER_BIN, PROJECT_BIN, UPLOAD_OPS, Stack, hmac_client, ibm_side,
                     peer_side, run_command, run_playbook)

KIB = 1024
CONTENDERS = ("ibm.cos", "s3_sync", "aws s3 sync")
SLUGS = {"ibm.cos": "ibm", "s3_sync": "s3sync", "aws s3 sync": "awscli", "raw ibm_boto3": "raw"}


def make_tree(root: Path, count: int, min_kib: int = 1, max_kib: int = 64, seed: int = 7) -> int:
    """`count` files of `min_kib`-`max_kib` KiB (uniform, seeded) in up to 20 subdirectories,
    like a static site or a config tree. Returns the bytes written."""
    rng = random.Random(seed)
    total = 0
    for i in range(count):
        folder = root / f"dir{i % 20:02d}"
        folder.mkdir(exist_ok=True)
        size = rng.randint(min_kib * KIB, max_kib * KIB) if max_kib else 1
        (folder / f"file{i:06d}.txt").write_bytes(rng.randbytes(size))
        total += size
    return total


def sync_task(contender: str, bucket: str, src: Path) -> dict:
    if contender == "ibm.cos":
        return {"name": "sync", "ibm.cos.cos_sync": {"bucket": bucket, "src": str(src)}}
    return {"name": "sync", "community.aws.s3_sync": {"bucket": bucket, "file_root": str(src),
                                                       "mode": "push"}}


def aws_cli_env(stack: Stack) -> dict:
    """The AWS CLI with the stack's HMAC keys, its CA, and no user configuration."""
    env = peer_side(stack).env
    env.update({"AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                "AWS_PAGER": "", "AWS_DEFAULT_REGION": env["AWS_REGION"]})
    return env


def aws_cli(stack: Stack, *args: str) -> list[str]:
    return [str(PEER_BIN / "aws"), "--endpoint-url", stack.env["IBM_COS_ENDPOINT"],
            "--ca-bundle", stack.env["IBM_COS_CA_BUNDLE"], "--no-progress", *args]


def push(contender: str, label: str, bucket: str, src: Path, stack: Stack, token_cache: Path):
    if contender == "aws s3 sync":
        return run_command(aws_cli(stack, "s3", "sync", str(src), f"s3://{bucket}"), label, stack,
                           aws_cli_env(stack))
    side = ibm_side(stack) if contender == "ibm.cos" else peer_side(stack)
    return run_playbook(side, label, [sync_task(contender, bucket, src)], stack,
                        env={"IBM_COS_TOKEN_CACHE_DIR": str(token_cache)})


def raw(stack: Stack, label: str, *args: str):
    """bench/raw_sync.py with ibm.cos's connection (IAM); (RunResult, its JSON line or None)."""
    env = dict(os.environ, **{k: stack.env[k] for k in IBM_CONNECTION_ENV if k in stack.env})
    result = run_command([str(PROJECT_BIN / "python"), str(BENCH / "raw_sync.py"), *args], label, stack, env)
    lines = [line for line in result.log.splitlines() if line.startswith("{")]
    return result, (json.loads(lines[-1]) if lines else None)


def subset(tree: Path, dest: Path, count: int) -> Path:
    """The first `count` files of `tree` (as make_tree names them), hard-linked under `dest`."""
    for path in sorted(tree.rglob("file*.txt"))[:count]:
        target = dest / path.relative_to(tree)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target)
    return dest


def stored_count(s3, bucket: str) -> int:
    """Objects in `bucket`; 0 when it cannot be listed (the failed run is reported as such)."""
    try:
        return sum(page.get("KeyCount", 0)
                   for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket))
    except Exception as exc:  # noqa: BLE001  (any failure to list means nothing verifiable is stored)
        print(f"    {bucket}: cannot list ({exc})", flush=True)
        return 0


def scenario_sync(stack: Stack, token_cache_dir: Path, files: int, resync_objects: int,
                  peers: bool = True, s3sync_files: int | None = None) -> dict:
    s3sync_files = min(s3sync_files or files, files)
    print(f"scenario 3: sync {files} files of 1-64 KiB ({s3sync_files} for s3_sync), then a no-op "
          f"resync; no-op resync of {resync_objects} objects", flush=True)
    stack.reset()
    s3 = hmac_client(stack)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    results = {}
    try:
        tree = tmp / "small"
        tree.mkdir()
        total_bytes = make_tree(tree, files)
        s3.create_bucket(Bucket="bench-sync-raw")
        floor, detail = raw(stack, "sync-first-raw", "push", str(tree), "bench-sync-raw")
        results["raw ibm_boto3"] = {"first": floor, "detail": detail, "files": files,
                                    "stored": stored_count(s3, "bench-sync-raw"),
                                    "objects_s": files / floor.wall}
        for contender in CONTENDERS if peers else CONTENDERS[:1]:
            bucket = f"bench-sync-{SLUGS[contender]}"
            s3.create_bucket(Bucket=bucket)
            cache = token_cache_dir / f"sync-{bucket}"
            cache.mkdir(parents=True, exist_ok=True)
            count, src = files, tree
            if contender == "s3_sync" and s3sync_files < files:
                count, src = s3sync_files, subset(tree, tmp / "subset", s3sync_files)
            first = push(contender, f"sync-first-{SLUGS[contender]}", bucket, src, stack, cache)
            stored = stored_count(s3, bucket)
            again = push(contender, f"sync-noop-{SLUGS[contender]}", bucket, src, stack, cache)
            results[contender] = {"first": first, "noop": again, "stored": stored, "files": count,
                                  "objects_s": count / first.wall,
                                  "noop_uploads": again.count(*UPLOAD_OPS)}
        large = None
        if resync_objects:
            many = tmp / "many"
            many.mkdir()
            make_tree(many, resync_objects, min_kib=0, max_kib=0)
            bucket = "bench-sync-many"
            s3.create_bucket(Bucket=bucket)
            cache = token_cache_dir / "sync-many"
            cache.mkdir(parents=True, exist_ok=True)
            seed = push("ibm.cos", "sync-many-seed", bucket, many, stack, cache)
            stored = stored_count(s3, bucket)
            noop = push("ibm.cos", "sync-many-noop", bucket, many, stack, cache)
            listing, listing_detail = raw(stack, "sync-many-raw-list", "list", bucket)
            large = {"objects": resync_objects, "seed": seed, "stored": stored, "noop": noop,
                     "raw_list": listing, "raw_list_detail": listing_detail}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"files": files, "bytes": total_bytes, "results": results, "large": large}
