"""Scenario 4: how many IAM exchanges a playbook of many ibm.cos tasks makes.

Three runs of the same tasks: one host with a fresh token cache (expect 1), two hosts in parallel
forks with a fresh cache (the cache lock should still give 1), and one host again with the warm
cache of the first run (expect 0).
"""
from __future__ import annotations

from pathlib import Path

from harness import Stack, hmac_client, ibm_side, run_playbook

BUCKETS = [f"bench-iam-{i}" for i in range(5)]


def tasks(count: int, offset: int = 0) -> list[dict]:
    return [{"name": f"task {i}", "ibm.cos.cos_bucket": {
        "name": BUCKETS[(i + offset) % len(BUCKETS)], "versioning": True}} for i in range(count)]


def scenario_iam(stack: Stack, token_cache_dir: Path, count: int) -> dict:
    print(f"scenario 4: IAM exchanges for {count} ibm.cos tasks", flush=True)
    stack.reset()
    s3 = hmac_client(stack)
    for name in BUCKETS:
        s3.create_bucket(Bucket=name)
    side = ibm_side(stack)
    fresh = token_cache_dir / "iam-serial"
    parallel_cache = token_cache_dir / "iam-parallel"
    for path in (fresh, parallel_cache):
        path.mkdir(parents=True, exist_ok=True)
    serial = run_playbook(side, "iam-serial", tasks(count), stack,
                          env={"IBM_COS_TOKEN_CACHE_DIR": str(fresh)})
    # Two hosts, two forks: `count` module runs in all, two at a time.
    per_host = tasks((count + 1) // 2)
    parallel = run_playbook(side, "iam-parallel", per_host, stack, hosts=("host-a", "host-b"),
                            forks=2, env={"IBM_COS_TOKEN_CACHE_DIR": str(parallel_cache)})
    warm = run_playbook(side, "iam-warm-cache", tasks(count), stack,
                        env={"IBM_COS_TOKEN_CACHE_DIR": str(fresh)})
    return {"tasks": count, "serial": serial, "parallel": parallel, "warm": warm}
