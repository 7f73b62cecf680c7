"""`make bench`: ibm.cos against amazon.aws and the floors, on a local COS stack of its own.

    python bench/run.py [--quick] [--only converge,upload,sync,iam,scaling,fleet] [sizes...]

Starts the stack (COS_STACK_PORT_BASE, default 19460; state under bench/work/stack), runs the
scenarios, prints one table with ratios and targets, writes bench/RESULTS.md and
bench/scaling.png (quick runs write bench/work/RESULTS-quick.md instead), and stops the stack.
Exits non-zero when a run fails; a missed target is reported, not an error, except that with
--check-calls (`make test-bench-quick`) a call-count check that fails (writes on a no-op rerun, other
than one IAM exchange per run, uploads on a no-op resync) fails the run too. --no-peer leaves out
amazon.aws, community.aws and the AWS CLI (no peer venv needed).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BENCH, REPO, WORK, Stack  # noqa: E402
from report import draw_scaling, rows_for, text_table, write_results  # noqa: E402
from scenario_converge import scenario_converge, scenario_scaling  # noqa: E402
from scenario_fleet import scenario_fleet  # noqa: E402
from scenario_iam import scenario_iam  # noqa: E402
from scenario_sync import scenario_sync  # noqa: E402
from scenario_upload import scenario_upload  # noqa: E402

SCENARIOS = ("converge", "scaling", "fleet", "sync", "upload", "iam")
FULL = {"buckets": 20, "upload_mib": "1024,4096", "files": 10000, "s3sync_files": 10000,
        "resync_objects": 100000, "iam_tasks": 50, "scaling": "5,10,20,40",
        "fleet_buckets": "100,300,1000", "parallelism": 16, "repeat": 5, "peer_repeat": 1}
QUICK = {"buckets": 2, "upload_mib": "4,16", "files": 20, "s3sync_files": 20, "resync_objects": 200,
         "iam_tasks": 3, "scaling": "1,2", "fleet_buckets": "5", "parallelism": 4, "repeat": 1,
         "peer_repeat": 1}


def sizes(text: str) -> list[int]:
    return sorted(int(x) for x in text.split(",") if x.strip())


def parse_args(argv=None):
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", default=quick,
                   help="tiny sizes, a smoke run of every scenario (also BENCH_QUICK=1)")
    p.add_argument("--only", default=os.environ.get("BENCH_ONLY", ",".join(SCENARIOS)),
                   help="comma-separated scenarios: " + ",".join(SCENARIOS))
    p.add_argument("--buckets", type=int, help="scenario 1: buckets to converge (20)")
    p.add_argument("--upload-mib", help="scenario 2: upload sizes in MiB (1024,4096)")
    p.add_argument("--files", type=int, help="scenario 3: files of 1-64 KiB to sync (10000)")
    p.add_argument("--s3sync-files", type=int,
                   help="scenario 3: of those, how many community.aws s3_sync pushes (all)")
    p.add_argument("--resync-objects", type=int,
                   help="scenario 3b: objects in the large no-op resync (100000; 0 leaves it out)")
    p.add_argument("--iam-tasks", type=int, help="scenario 4: tasks in the playbook (50)")
    p.add_argument("--scaling", help="scenario 5: bucket counts (5,10,20,40)")
    p.add_argument("--fleet-buckets", help="scenario 6: fleet sizes, buckets in one cos_buckets task "
                                           "(100,300,1000)")
    p.add_argument("--parallelism", type=int, help="scenario 6: cos_buckets parallelism (16)")
    p.add_argument("--no-peer", action="store_true",
                   help="ibm.cos and its floors only: no amazon.aws, community.aws or AWS CLI runs")
    p.add_argument("--check-calls", action="store_true",
                   help="exit non-zero when a call-count check fails (zero writes on a no-op, "
                        "one IAM exchange per run)")
    p.add_argument("--out", help="write the results here instead of bench/RESULTS.md "
                                 "(bench/work/RESULTS-quick.md with --quick)")
    p.add_argument("--repeat", type=int,
                   help="scenarios 1 and 2: no-op reruns of ibm.cos and the floors, uploads by ibm.cos "
                        "and the raw script; the median counts (5)")
    p.add_argument("--peer-repeat", type=int, help="scenarios 1 and 2: runs of amazon.aws (1)")
    p.add_argument("--upload-repeat", type=int, help="scenario 2: uploads per contender and size (--repeat)")
    p.add_argument("--baseline", metavar="COLLECTIONS_PATH",
                   help="scenario 1: also run this build of ibm.cos (a collections path holding "
                        "ansible_collections/ibm/cos, e.g. an earlier commit after `make collection`)")
    p.add_argument("--keep-stack", action="store_true", help="leave the stack running afterwards")
    p.add_argument("--running-stack", metavar="DIR",
                   help="use the stack already running with COS_STACK_DIR=DIR (not started or stopped)")
    args = p.parse_args(argv)
    defaults = QUICK if args.quick else FULL
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.only) - set(SCENARIOS)
    if unknown:
        p.error(f"unknown scenarios {sorted(unknown)}; choose from {', '.join(SCENARIOS)}")
    return args


def check_setup(peers: bool) -> None:
    needed = [REPO / ".venv" / "bin" / "ansible-playbook",
              REPO / "build" / "collections" / "ansible_collections" / "ibm" / "cos"]
    if peers:
        needed += [BENCH / ".venv-peer" / "bin" / "ansible-playbook", BENCH / ".venv-peer" / "bin" / "aws"]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        sys.exit("bench: run it through `make bench` (missing: " + ", ".join(missing) + ")")


def main(argv=None) -> int:
    args = parse_args(argv)
    check_setup(not args.no_peer)
    peers = not args.no_peer
    started = time.perf_counter()
    WORK.mkdir(exist_ok=True)
    token_caches = WORK / "token-caches"
    shutil.rmtree(token_caches, ignore_errors=True)
    stack = Stack(Path(args.running_stack or WORK / "stack"), os.environ.get("COS_STACK_PORT_BASE", "19460"))
    options = {"buckets": args.buckets, "upload_mib": sizes(args.upload_mib), "files": args.files,
               "s3sync_files": args.s3sync_files,
               "resync_objects": args.resync_objects, "iam_tasks": args.iam_tasks,
               "scaling": sizes(args.scaling), "fleet_buckets": sizes(args.fleet_buckets),
               "parallelism": args.parallelism, "repeat": args.repeat,
               "peer_repeat": args.peer_repeat, "upload_repeat": args.upload_repeat or args.repeat,
               "peers": peers, "quick": args.quick,
               "load_average_at_start": Path("/proc/loadavg").read_text().split()[:3]}
    results = {}
    if args.running_stack:
        stack.attach()
    else:
        stack.up()
    out_dir = WORK if args.quick else BENCH
    suffix = "-quick" if args.quick else ""
    out = Path(args.out).resolve() if args.out else out_dir / f"RESULTS{suffix}.md"
    plot = out_dir / f"scaling{suffix}.png"

    def write(final: bool):
        """RESULTS.md from what has run so far: after every scenario, so a run cut short keeps its
        figures (marked as partial until the last scenario is written)."""
        rows = rows_for(results)
        drawn = plot if draw_scaling(results, plot) else None
        write_results(results, rows, dict(options, partial=not final), out, drawn,
                      time.perf_counter() - started)
        return rows, drawn

    # The fleet runs second: the scenario of the first targets, before the long transfers.
    steps = {
        "converge": lambda: scenario_converge(stack, token_caches, args.buckets, args.repeat,
                                              args.peer_repeat, peers, args.baseline),
        "scaling": lambda: scenario_scaling(stack, token_caches, sizes(args.scaling),
                                            results.get("converge"), peers),
        "fleet": lambda: scenario_fleet(stack, token_caches, sizes(args.fleet_buckets), args.parallelism),
        "sync": lambda: scenario_sync(stack, token_caches, args.files, args.resync_objects, peers,
                                      args.s3sync_files),
        "upload": lambda: scenario_upload(stack, token_caches, sizes(args.upload_mib),
                                          args.upload_repeat or args.repeat,
                                          args.peer_repeat, peers),
        "iam": lambda: scenario_iam(stack, token_caches, args.iam_tasks),
    }
    try:
        for name, step in steps.items():
            if name in args.only:
                results[name] = step()
                write(final=False)
    finally:
        if not (args.keep_stack or args.running_stack):
            stack.down()

    rows, plot = write(final=True)
    print()
    print(text_table(rows))
    print(f"\nwrote {out}" + (f" and {plot.relative_to(REPO)}" if plot else ""))
    failed = [r for r in rows if "FAILED" in (r.ibm + r.peer + r.floor) or r.measure == "could not summarise"]
    if args.check_calls:
        calls = [r for r in rows if r.calls_check]
        failed += [r for r in calls if r.holds != "yes"]
        print(f"call-count checks: {len(calls)}, failed: "
              + (", ".join(f"{r.scenario} ({r.cause})" for r in calls if r.holds != "yes") or "none"))
        if not calls:
            print("call-count checks: none ran (choose converge, sync or iam)")
            return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
