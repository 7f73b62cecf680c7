"""Scenario 6: a fleet of buckets converged by one `ibm.cos.cos_buckets` task.

`cos_buckets` takes a `buckets:` list of cos_bucket option dicts and a `parallelism`; one task
converges the whole fleet (one module process, one token). Each bucket gets the same six settings
as scenario 1. The first converge and the no-op rerun are timed, and the no-op rerun is set beside
the dependency floor of one task (bench/library/cos_client_floor.py) and scenario 1's per-bucket
cost, all within this run.

When the collection has no `cos_buckets` module, the scenario is skipped with a note.
"""
from __future__ import annotations

from harness import REPO, RunResult, Stack, ibm_side, run_playbook
from scenario_converge import ibm_tasks

MODULE = REPO / "plugins" / "modules" / "cos_buckets.py"


def fleet_names(count: int) -> list[str]:
    return [f"bench-fleet-{i:05d}" for i in range(count)]


def fleet_task(count: int, parallelism: int) -> dict:
    buckets = [task["ibm.cos.cos_bucket"] for task in ibm_tasks(fleet_names(count))]
    return {"name": f"fleet of {count}", "ibm.cos.cos_buckets": {"buckets": buckets,
                                                                "parallelism": parallelism}}


def scenario_fleet(stack: Stack, token_cache_dir, count: int, parallelism: int) -> dict:
    print(f"scenario 6: fleet converge of {count} buckets x 6 settings (parallelism {parallelism})",
          flush=True)
    if not MODULE.exists():
        note = f"skipped: the collection has no ibm.cos.cos_buckets ({MODULE.relative_to(REPO)} absent)"
        print(f"  {note}", flush=True)
        return {"buckets": count, "parallelism": parallelism, "skipped": note}
    stack.reset()
    side = ibm_side(stack)
    task = [fleet_task(count, parallelism)]
    runs = {}
    for label in ("fleet-first", "fleet-noop"):
        # A fresh token cache per run: each run should make exactly one IAM exchange, however
        # many buckets it converges in parallel.
        cache = token_cache_dir / label
        cache.mkdir(parents=True, exist_ok=True)
        runs[label] = run_playbook(side, label, task, stack, env={"IBM_COS_TOKEN_CACHE_DIR": str(cache)})
    first: RunResult = runs["fleet-first"]
    noop: RunResult = runs["fleet-noop"]
    floor: RunResult = run_playbook(side, "fleet-floor", [
        {"name": "client floor", "cos_client_floor": {"bucket": fleet_names(1)[0]}}], stack)
    return {"buckets": count, "parallelism": parallelism, "first": first, "noop": noop,
            "floor": floor, "skipped": None}
