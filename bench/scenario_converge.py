"""Scenarios 1 and 5: converge buckets with six settings, then rerun with nothing to change.

The same six settings on every bucket, expressed once per side:
- ibm.cos: one `cos_bucket` task per bucket;
- amazon.aws: `s3_bucket` (versioning, canned ACL, public access block) plus community.aws
  `s3_lifecycle`, `s3_cors` and `s3_website`: four tasks per bucket;
- the floors: as many tasks as ibm.cos has, of `ansible.builtin.ping` (Ansible's own cost per
  task) and of `cos_client_floor` (bench/library: imports ibm_boto3 and builds a client).

The six settings avoid bucket tags: IBM COS documents no bucket tagging, the stack answers it with
501 and cos_bucket refuses `tags`. The canned ACL takes their place; both sides express it.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from harness import RunResult, Stack, ibm_side, median, peer_side, run_playbook

FACET_READS = ("GetBucketVersioning", "GetBucketLifecycleConfiguration", "GetBucketCors",
               "GetBucketAcl", "GetBucketWebsite", "GetPublicAccessBlock")
EXISTENCE_CHECKS = ("HeadBucket",)

# COS takes only the canned ACLs private and public-read, and public-read would clash with
# block_public_acls: every bucket states that it is private.
ACL = "private"
LIFECYCLE_RULE = {"id": "expire-logs", "prefix": "logs/", "expiration_days": 30}
CORS_RULE = {"allowed_origins": ["https://example.com"], "allowed_methods": ["GET", "PUT"],
             "allowed_headers": ["*"], "max_age_seconds": 3000}
WEBSITE = {"index_document": "index.html", "error_document": "error.html"}


def bucket_names(side: str, count: int, start: int = 0) -> list[str]:
    return [f"bench-{side}-{i:03d}" for i in range(start, count)]


def ibm_tasks(names):
    return [{"name": f"bucket {n}", "ibm.cos.cos_bucket": {
        "name": n,
        "versioning": True,
        "lifecycle_rules": [LIFECYCLE_RULE],
        "cors_rules": [CORS_RULE],
        "acl": ACL,
        "website": WEBSITE,
        "public_access_block": {"block_public_acls": True, "ignore_public_acls": True},
    }} for n in names]


def peer_tasks(names):
    tasks = []
    for n in names:
        tasks += [
            {"name": f"bucket {n}", "amazon.aws.s3_bucket": {
                "name": n, "versioning": True, "acl": ACL,
                "public_access": {"block_public_acls": True, "ignore_public_acls": True}}},
            {"name": f"lifecycle {n}", "community.aws.s3_lifecycle": {
                "name": n, "rule_id": LIFECYCLE_RULE["id"], "prefix": LIFECYCLE_RULE["prefix"],
                "expiration_days": LIFECYCLE_RULE["expiration_days"], "status": "enabled"}},
            {"name": f"cors {n}", "community.aws.s3_cors": {
                "name": n, "state": "present", "rules": [CORS_RULE]}},
            {"name": f"website {n}", "community.aws.s3_website": {
                "name": n, "state": "present", "suffix": WEBSITE["index_document"],
                "error_key": WEBSITE["error_document"]}},
        ]
    return tasks


def ping_tasks(names):
    return [{"name": f"ping {n}", "ansible.builtin.ping": {"data": n}} for n in names]


def client_floor_tasks(names):
    return [{"name": f"client {n}", "cos_client_floor": {"bucket": n}} for n in names]


BASELINE = "ibm.cos before the restructure"


class Converge:
    """Runs the converge playbooks of all four contenders against one stack (five with a baseline:
    another build of ibm.cos, run on buckets of its own)."""

    def __init__(self, stack: Stack, token_cache_dir, baseline=None):
        self.stack = stack
        self.ibm = ibm_side(stack)
        self.old = ibm_side(stack, baseline) if baseline else None
        self.peer = peer_side(stack)
        self.token_cache_dir = token_cache_dir

    def _ibm_env(self, label):
        cache = self.token_cache_dir / label
        cache.mkdir(parents=True, exist_ok=True)
        return {"IBM_COS_TOKEN_CACHE_DIR": str(cache)}

    def run(self, contender: str, count: int, label: str, start: int = 0) -> RunResult:
        """Converge buckets number `start` to `count - 1` in one playbook run."""
        if contender == "ibm.cos":
            return run_playbook(self.ibm, label, ibm_tasks(bucket_names("ibm", count, start)),
                                self.stack, env=self._ibm_env(label))
        if contender == BASELINE:
            return run_playbook(self.old, label, ibm_tasks(bucket_names("old", count, start)),
                                self.stack, env=self._ibm_env(label))
        if contender == "amazon.aws":
            return run_playbook(self.peer, label, peer_tasks(bucket_names("aws", count, start)),
                                self.stack)
        if contender == "floor: ping":
            return run_playbook(self.ibm, label, ping_tasks(bucket_names("ibm", count)), self.stack)
        if contender == "floor: ibm_boto3 client":
            return run_playbook(self.ibm, label, client_floor_tasks(bucket_names("ibm", count)),
                                self.stack)
        raise ValueError(contender)


CONTENDERS = ("ibm.cos", "amazon.aws", "floor: ping", "floor: ibm_boto3 client")


def noop_calls_check(result: RunResult, buckets: int) -> tuple[bool, str]:
    """Exactly one read per facet per bucket, at most one existence check, nothing else."""
    problems = []
    for op in FACET_READS:
        if result.ops.get(op, 0) != buckets:
            problems.append(f"{op}={result.ops.get(op, 0)} (want {buckets})")
    checks = result.count(*EXISTENCE_CHECKS)
    if checks > buckets:
        problems.append(f"existence checks={checks} (want <= {buckets})")
    extra = {op: n for op, n in result.reads.items() if op not in FACET_READS + EXISTENCE_CHECKS}
    if extra:
        problems.append(f"other reads {extra}")
    if result.writes:
        problems.append(f"writes {result.writes}")
    return not problems, "; ".join(problems)


def scenario_converge(stack: Stack, token_cache_dir, buckets: int, repeat: int, peer_repeat: int,
                      peers: bool = True, baseline=None) -> dict:
    """Scenario 1: first run once per contender, then the no-op rerun `repeat` times, interleaved
    (amazon.aws `peer_repeat` times: its runs are long, and far from the ratio that is close).
    `baseline`: the collections path of an earlier build of ibm.cos, run as a fifth contender."""
    print(f"scenario 1: converge {buckets} buckets x 6 settings", flush=True)
    stack.reset()
    converge = Converge(stack, token_cache_dir, baseline)
    contenders = CONTENDERS if peers else tuple(c for c in CONTENDERS if c != "amazon.aws")
    if baseline:
        contenders = contenders[:1] + (BASELINE,) + contenders[1:]
    first = {c: converge.run(c, buckets, f"converge-first-{slug(c)}") for c in contenders}
    noops: dict[str, list[RunResult]] = {c: [] for c in contenders}
    for rep in range(max(repeat, peer_repeat)):
        for c in contenders:
            if rep < (peer_repeat if c == "amazon.aws" else repeat):
                noops[c].append(converge.run(c, buckets, f"converge-noop-{slug(c)}-{rep}"))
    return {"buckets": buckets, "first": first, "noop": noops, "baseline": str(baseline or ""),
            "baseline_commit": commit_of(baseline) if baseline else "",
            "noop_wall": {c: median([r.wall for r in runs]) for c, runs in noops.items()},
            "noop_cpu": {c: median([r.cpu for r in runs]) for c, runs in noops.items()}}


def scenario_scaling(stack: Stack, token_cache_dir, sizes: list[int], previous: dict | None = None,
                     peers: bool = True) -> dict:
    """Scenario 5: converge the largest set, then time no-op runs over growing subsets.

    `previous` is scenario 1's result when it ran just before on the same stack: its buckets are
    reused (only the missing ones are created) and its no-op medians stand for its size.
    """
    print(f"scenario 5: no-op converge at {sizes} buckets", flush=True)
    converge = Converge(stack, token_cache_dir)
    contenders = CONTENDERS if peers else tuple(c for c in CONTENDERS if c != "amazon.aws")
    converged = previous["buckets"] if previous else 0
    if not converged:
        stack.reset()
    if max(sizes) > converged:
        for c in contenders[:2] if peers else contenders[:1]:
            converge.run(c, max(sizes), f"scaling-setup-{slug(c)}", start=converged)
    walls = {c: {} for c in contenders}
    for size in sizes:
        for c in contenders:
            if size == converged:
                walls[c][size] = previous["noop_wall"][c]
            else:
                walls[c][size] = converge.run(c, size, f"scaling-{size}-{slug(c)}").wall
    return {"sizes": sizes, "walls": walls}


def commit_of(collections) -> str:
    """The short commit of the checkout a collections path's ibm.cos comes from (or "unknown")."""
    checkout = (Path(collections) / "ansible_collections" / "ibm" / "cos").resolve()
    proc = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True)
    return proc.stdout.strip() or "unknown"


def slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-").replace("--", "-")
