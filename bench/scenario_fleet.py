"""Scenario 6: fleets of buckets converged by one `ibm.cos.cos_buckets` task each.

`cos_buckets` takes a `buckets:` list of cos_bucket option dicts and a `parallelism`; one task
converges the whole fleet (one module process, one token). Each bucket gets the same six settings
as scenario 1. For each fleet size (100, 300 and 1,000 buckets in the full run, each on an emptied
stack) the first converge and the no-op rerun are timed; the report sets them beside the dependency
floor of one task (bench/library/cos_client_floor.py) and beside one task per bucket, ibm.cos and
amazon.aws, extrapolated from scenario 1's per-bucket cost in this run.

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


def scenario_fleet(stack: Stack, token_cache_dir, counts: list[int], parallelism: int) -> dict:
    print(f"scenario 6: fleet converge of {counts} buckets x 6 settings (parallelism {parallelism})",
          flush=True)
    if not MODULE.exists():
        note = f"skipped: the collection has no ibm.cos.cos_buckets ({MODULE.relative_to(REPO)} absent)"
        print(f"  {note}", flush=True)
        return {"sizes": counts, "parallelism": parallelism, "skipped": note}
    side = ibm_side(stack)
    runs = {}
    for count in counts:
        stack.reset()
        task = [fleet_task(count, parallelism)]
        for phase in ("first", "noop"):
            # A fresh token cache per run: each run should make exactly one IAM exchange, however
            # many buckets it converges in parallel.
            label = f"fleet-{count}-{phase}"
            cache = token_cache_dir / label
            cache.mkdir(parents=True, exist_ok=True)
            runs[(count, phase)] = run_playbook(side, label, task, stack,
                                                env={"IBM_COS_TOKEN_CACHE_DIR": str(cache)})
    floor: RunResult = run_playbook(side, "fleet-floor", [
        {"name": "client floor", "cos_client_floor": {"bucket": fleet_names(1)[0]}}], stack)
    return {"sizes": counts, "parallelism": parallelism, "runs": runs, "floor": floor, "skipped": None}
