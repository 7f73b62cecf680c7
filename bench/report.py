"""Turn scenario results into one table (targets and whether they hold), RESULTS.md and the plot."""
from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from harness import BENCH, PEER_BIN, REPO, UPLOAD_OPS, split_ops
from scenario_converge import BASELINE, FACET_READS, noop_calls_check

NOOP_FLOOR_RATIO = 1.1
NOOP_PEER_RATIO = 0.35
UPLOAD_RAW_RATIO = 0.95
UPLOAD_RSS_MB = 200
UPLOAD_TARGET_FROM_MIB = 1024
SYNC_OBJECTS_S = 500
SYNC_CLI_RATIO = 1.0
# Below these sizes start-up dominates a run: throughput and wall-time targets are shown, not judged
# (call counts are judged at every size).
SYNC_JUDGED_FROM = 1000
RESYNC_LARGE_AT = 100_000
RESYNC_LARGE_WALL_S = 15.0   # judged at RESYNC_LARGE_AT objects and above
FLEET_AT = 1000
FLEET_NOOP_S = 30.0          # judged at FLEET_AT buckets and above
FLEET_FIRST_S = 90.0
# community.aws s3_website sleeps 5 s whenever the bucket already has a website configuration
# (changed or not) before reading it back; a no-op run pays it once per bucket. The ratios also
# use the peer's time without it, so a target holds on merit, not on the peer's sleep.
S3_WEBSITE_SLEEP_S = 5.0


@dataclass
class Row:
    scenario: str
    measure: str
    ibm: str = ""
    peer: str = ""
    floor: str = ""
    ratio: str = ""
    target: str = ""
    holds: str = ""
    cause: str = ""   # measured reason when a target is missed
    calls_check: bool = False   # a call-count check (--check-calls fails the run when it does not hold)


HEADER = ("scenario", "measure", "ibm.cos", "amazon.aws", "floor / raw", "ratio", "target", "holds")


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("yes" if ok else "NO")


def secs(run) -> str:
    return f"{run.wall:.2f}" if run.ok else f"FAILED ({run.wall:.1f})"


def calls(run) -> str:
    reads, writes, _ = split_ops(run.ops)
    return f"{sum(reads.values())} r / {sum(writes.values())} w"


def ops_text(ops: dict) -> str:
    ops = {k: v for k, v in ops.items() if v}
    return ", ".join(f"{op} {n}" for op, n in sorted(ops.items())) or "none"


# --- rows per scenario ---------------------------------------------------------------------------

def converge_rows(res: dict) -> list[Row]:
    n = res["buckets"]
    first, noops, walls = res["first"], res["noop"], res["noop_wall"]
    peer = "amazon.aws" in walls
    ibm_runs = noops["ibm.cos"]
    ibm_ok = all(r.ok for r in ibm_runs)
    floor = walls["floor: ibm_boto3 client"]
    vs_floor = walls["ibm.cos"] / floor
    if peer:
        peer_awake = walls["amazon.aws"] - S3_WEBSITE_SLEEP_S * n
        vs_peer = walls["ibm.cos"] / walls["amazon.aws"]
        vs_peer_awake = walls["ibm.cos"] / peer_awake
    rows = [Row(f"1. converge {n} x 6, first run", "wall s",
                secs(first["ibm.cos"]), secs(first["amazon.aws"]) if peer else "not run",
                f"ping {first['floor: ping'].wall:.2f} / client {first['floor: ibm_boto3 client'].wall:.2f}",
                f"{first['ibm.cos'].wall / first['amazon.aws'].wall:.2f}x aws" if peer else "")]
    rows.append(Row("1. first run: HTTP calls", "reads / writes", calls(first["ibm.cos"]),
                    calls(first["amazon.aws"]) if peer else ""))
    time_ok = ibm_ok and vs_floor <= NOOP_FLOOR_RATIO and (not peer or vs_peer_awake <= NOOP_PEER_RATIO)
    cause = ""
    if ibm_ok and not time_ok:
        per_task = (walls["ibm.cos"] - floor) / n * 1000
        cause = (f"ibm.cos costs {per_task:.0f} ms per task above the dependency floor "
                 f"(floor {floor / n * 1000:.0f} ms per task, ping {walls['floor: ping'] / n * 1000:.0f} ms)")
    rows.append(Row(f"1. no-op rerun (median of {len(ibm_runs)})", "wall s",
                    f"{walls['ibm.cos']:.2f}",
                    f"{walls['amazon.aws']:.2f} ({peer_awake:.2f} w/o sleeps)" if peer else "not run",
                    f"ping {walls['floor: ping']:.2f} / client {floor:.2f}",
                    f"{vs_floor:.2f}x floor" + (f", {vs_peer:.2f}x aws ({vs_peer_awake:.2f}x w/o sleeps)"
                                                if peer else ""),
                    f"<= {NOOP_FLOOR_RATIO}x floor" + (f", <= {NOOP_PEER_RATIO}x aws (without sleeps)"
                                                        if peer else ""),
                    verdict(time_ok), cause))
    if BASELINE in walls:
        before = walls[BASELINE] / floor
        runs_old = noops[BASELINE]
        old_ok = all(r.ok for r in runs_old)
        holds = ibm_ok and old_ok and vs_floor <= before
        cpu_now = res["noop_cpu"]["ibm.cos"] / res["noop_cpu"]["floor: ibm_boto3 client"]
        cpu_before = res["noop_cpu"][BASELINE] / res["noop_cpu"]["floor: ibm_boto3 client"]
        rows.append(Row(f"1. no-op rerun vs {BASELINE} ({res['baseline_commit']}, median of {len(runs_old)})",
                        "wall s", f"{walls['ibm.cos']:.2f}", "", f"before {walls[BASELINE]:.2f} / client {floor:.2f}",
                        f"now {vs_floor:.2f}x floor, before {before:.2f}x floor (cpu: now {cpu_now:.2f}x, "
                        f"before {cpu_before:.2f}x)",
                        "not slower than before (ratio to the floor)", verdict(holds),
                        "" if holds else (f"now {(walls['ibm.cos'] - floor) / n * 1000:.0f} ms per task above the "
                                          f"floor, before {(walls[BASELINE] - floor) / n * 1000:.0f} ms")))
    cpu = res["noop_cpu"]
    rows.append(Row("1. no-op rerun: CPU time", "cpu s (tree)", f"{cpu['ibm.cos']:.2f}",
                    f"{cpu['amazon.aws']:.2f}" if peer else "",
                    f"ping {cpu['floor: ping']:.2f} / client {cpu['floor: ibm_boto3 client']:.2f}",
                    f"{cpu['ibm.cos'] / cpu['floor: ibm_boto3 client']:.2f}x floor"
                    + (f", {cpu['ibm.cos'] / cpu['amazon.aws']:.2f}x aws" if peer else "")))
    calls_ok, why = noop_calls_check(ibm_runs[0], n) if ibm_ok else (False, "run failed")
    peer_reads = sum(noops["amazon.aws"][0].reads.values()) if peer else 0
    rows.append(Row("1. no-op: HTTP calls", "reads / writes", calls(ibm_runs[0]),
                    calls(noops["amazon.aws"][0]) if peer else "",
                    "", f"{sum(ibm_runs[0].reads.values()) / max(1, peer_reads):.2f}x aws reads" if peer else "",
                    f"{len(FACET_READS)} reads + <= 1 check per bucket, 0 writes", verdict(calls_ok), why,
                    calls_check=True))
    iams = sorted({r.iam for r in ibm_runs})
    iam_ok = ibm_ok and iams == [1] and first["ibm.cos"].iam == 1
    rows.append(Row("1. IAM exchanges per run", "count",
                    f"first {first['ibm.cos'].iam}, no-op {'/'.join(map(str, iams))}",
                    "0 (HMAC)" if peer else "", "", "",
                    "1 per playbook run", verdict(iam_ok),
                    "" if iam_ok else f"first run {first['ibm.cos'].iam}, no-op runs {[r.iam for r in ibm_runs]}",
                    calls_check=True))
    return rows


def upload_rows(res: dict) -> list[Row]:
    rows = []
    largest = max(res["sizes"])
    for size in res["sizes"]:
        r = {c: res["results"][(size, c)] for c in ("ibm.cos", "amazon.aws", "raw ibm_boto3", "aws s3 cp")
             if (size, c) in res["results"]}
        ok = all(x["ok"] for x in r.values())

        def rate(c):
            if c not in r:
                return "not run"
            return f"{r[c]['mib_s']:.1f}" if r[c]["ok"] else "FAILED"

        ratio = r["ibm.cos"]["mib_s"] / r["raw ibm_boto3"]["mib_s"]
        # Speed is judged from 1 GiB (below it start-up dominates); peak RSS also at the largest
        # size of a smaller run.
        is_target = size >= UPLOAD_TARGET_FROM_MIB
        rss_target = is_target or size == largest
        speed_ok = ok and ratio >= UPLOAD_RAW_RATIO
        cause = ""
        if ok and not speed_ok:
            detail = r["raw ibm_boto3"]["detail"] or {}
            cause = (f"cos_object {r['ibm.cos']['run'].wall:.1f} s vs raw {r['raw ibm_boto3']['run'].wall:.1f} s "
                     f"(raw upload_file alone {detail.get('upload_s', 0):.1f} s; a one-task playbook of the "
                     f"client floor takes {res['startup_s']:.1f} s); calls: "
                     f"ibm {ops_text(r['ibm.cos']['ops'])}; raw {ops_text(r['raw ibm_boto3']['ops'])}")
        # Net of start-up only means something when the transfer dominates the run.
        net_ok = all(x["run"].wall > 2 * res["startup_s"] for x in r.values())
        net_ratio = r["ibm.cos"]["net_mib_s"] / r["raw ibm_boto3"]["net_mib_s"] if net_ok else None
        runs = len(r["ibm.cos"]["walls"])
        label = f"2. upload {size} MiB" + (f" (median of {runs})" if runs > 1 else "")
        ratios = f"{ratio:.2f}x raw" + (f" ({net_ratio:.2f}x net of start-up)" if net_ratio else "")
        for c, short in (("aws s3 cp", "aws s3 cp"), ("amazon.aws", "aws")):
            if c in r:
                ratios += f", {r['ibm.cos']['mib_s'] / r[c]['mib_s']:.2f}x {short}"
        rows.append(Row(label, "MiB/s", rate("ibm.cos"), rate("amazon.aws"),
                        f"raw {rate('raw ibm_boto3')} / aws s3 cp {rate('aws s3 cp')}", ratios,
                        f">= {UPLOAD_RAW_RATIO}x raw" if is_target else "",
                        verdict(speed_ok) if is_target else "", cause if is_target else ""))
        rss_ok = ok and r["ibm.cos"]["peak_rss_mb"] < UPLOAD_RSS_MB

        def rss(c):
            return f"{r[c]['peak_rss_mb']:.0f}" if c in r else "not run"

        rows.append(Row(f"2. upload {size} MiB: peak RSS", "MB", rss("ibm.cos"), rss("amazon.aws"),
                        f"raw {rss('raw ibm_boto3')} / aws s3 cp {rss('aws s3 cp')}", "",
                        f"< {UPLOAD_RSS_MB} MB" if rss_target else "",
                        verdict(rss_ok) if rss_target else "",
                        "" if rss_ok or not rss_target else f"module peak {r['ibm.cos']['peak_rss_mb']:.0f} MB"))
    return rows


def sync_rows(res: dict) -> list[Row]:
    n = res["files"]
    got = res["results"]
    ibm = got["ibm.cos"]
    s3sync, cli, raw = got.get("s3_sync"), got.get("aws s3 sync"), got.get("raw ibm_boto3")

    def rate(x):
        return (f"{x['objects_s']:.0f}" if x["first"].ok else "FAILED") if x else "not run"

    vs_cli = ibm["objects_s"] / cli["objects_s"] if cli and cli["first"].ok else None
    stored_ok = ibm["first"].ok and ibm["stored"] == n
    first_ok = stored_ok and ibm["objects_s"] >= SYNC_OBJECTS_S and (vs_cli is None or vs_cli >= SYNC_CLI_RATIO)
    judged = n >= SYNC_JUDGED_FROM
    cause = ""
    if not first_ok:
        cause = (f"{ibm['stored']} of {n} stored, {ibm['first'].wall:.2f} s; calls {ops_text(ibm['first'].ops)}"
                 + (f"; aws s3 sync {cli['first'].wall:.2f} s, {ops_text(cli['first'].ops)}" if cli else "")
                 + (f"; the stack's own ceiling: raw ibm_boto3 PutObject, 8 threads, nothing else, "
                    f"{raw['objects_s']:.0f} objects/s ({raw['first'].wall:.2f} s)" if raw and raw["first"].ok else ""))
    ratios = []
    if raw and raw["first"].ok:
        ratios.append(f"{ibm['objects_s'] / raw['objects_s']:.2f}x raw")
    if vs_cli is not None:
        ratios.append(f"{vs_cli:.2f}x aws s3 sync")
    if s3sync and s3sync["first"].ok:
        ratios.append(f"{ibm['objects_s'] / s3sync['objects_s']:.2f}x s3_sync")
    s3sync_n = f" ({s3sync['files']} files)" if s3sync and s3sync.get("files", n) != n else ""
    rows = [Row(f"3. sync {n} files of 1-64 KiB ({res['bytes'] / 2**20:.0f} MiB), first", "objects/s",
                rate(ibm), f"s3_sync {rate(s3sync)}{s3sync_n}", f"aws s3 sync {rate(cli)} / raw {rate(raw)}",
                ", ".join(ratios),
                f">= {SYNC_OBJECTS_S} objects/s, >= {SYNC_CLI_RATIO}x aws s3 sync, all stored"
                + ("" if judged else f" (judged from {SYNC_JUDGED_FROM} files)"),
                verdict(first_ok if judged else stored_ok), "" if (first_ok if judged else stored_ok) else cause)]

    def noop_text(x):
        return (f"{secs(x['noop'])} s, {x['noop_uploads']} uploads") if x else "not run"

    noop_ok = ibm["noop"].ok and ibm["noop_uploads"] == 0 and not ibm["noop"].writes
    rows.append(Row("3. no-op resync", "wall s, uploads", noop_text(ibm), f"s3_sync {noop_text(s3sync)}",
                    f"aws s3 sync {noop_text(cli)}",
                    ", ".join(f"{ibm['noop'].wall / x['noop'].wall:.2f}x {name}'s time"
                              for name, x in (("s3_sync", s3sync), ("aws s3 sync", cli)) if x),
                    "0 writes", verdict(noop_ok),
                    "" if noop_ok else f"calls {ops_text(ibm['noop'].ops)}", calls_check=True))
    rows.append(Row("3. no-op resync: calls", "reads / uploads",
                    f"{sum(ibm['noop'].reads.values())} / {ibm['noop_uploads']}",
                    f"s3_sync {sum(s3sync['noop'].reads.values())} / {s3sync['noop_uploads']}" if s3sync else "",
                    f"aws s3 sync {sum(cli['noop'].reads.values())} / {cli['noop_uploads']}" if cli else ""))
    large = res.get("large")
    if large:
        m, noop = large["objects"], large["noop"]
        lists = noop.count("ListObjectsV2", "ListObjects")
        heads, puts = noop.count("HeadObject"), noop.count(*UPLOAD_OPS)
        max_lists = m // 1000 + 1
        wall_limit = RESYNC_LARGE_WALL_S * m / RESYNC_LARGE_AT
        ok = (noop.ok and large["stored"] == m and lists <= max_lists and heads == 0 and puts == 0
              and not noop.writes)
        time_ok = ok and noop.wall <= wall_limit if m >= RESYNC_LARGE_AT else None
        listing = large.get("raw_list")
        detail = large.get("raw_list_detail") or {}
        raw_text = f"raw list {listing.wall:.2f} s (listing alone {detail.get('work_s', 0):.2f})" if listing else ""
        others = {op: k for op, k in noop.ops.items() if k and op not in ("ListObjectsV2", "ListObjects",
                                                                         "iam_token")}
        rows.append(Row(f"3b. no-op resync of {m} objects", "calls",
                        f"{lists} list, {heads} HEAD, {puts} PUT", "", "", "",
                        f"<= {max_lists} list, 0 HEAD, 0 PUT", verdict(ok),
                        "" if ok else f"{large['stored']} of {m} stored; other calls {ops_text(others)}",
                        calls_check=True))
        rows.append(Row(f"3b. no-op resync of {m} objects", "wall s", secs(noop), "",
                        f"{raw_text}; seed {secs(large['seed'])} s",
                        f"{noop.wall / m * 1000:.3f} ms/object"
                        + (f" ({noop.wall / listing.wall:.2f}x raw list)" if listing and listing.ok else ""),
                        f"<= {RESYNC_LARGE_WALL_S:g} s at {RESYNC_LARGE_AT} "
                        f"({RESYNC_LARGE_WALL_S / RESYNC_LARGE_AT * 1000:.2f} ms/object)",
                        verdict(time_ok),
                        "" if time_ok is not False else
                        f"{raw_text} of the {m} objects; ibm.cos {noop.wall:.2f} s, cpu {noop.cpu:.2f} s"))
    return rows


def per_task_costs(converge: dict | None) -> dict:
    """Seconds per bucket of one task per bucket, from scenario 1 in this run: {name: (first, no-op)}.
    amazon.aws also without s3_website's sleeps (5 s per bucket that has a website)."""
    if not converge:
        return {}
    n, first, walls = converge["buckets"], converge["first"], converge["noop_wall"]
    costs = {"ibm.cos, one task per bucket": (first["ibm.cos"].wall / n, walls["ibm.cos"] / n)}
    if "amazon.aws" in walls:
        costs["amazon.aws, four tasks per bucket"] = (first["amazon.aws"].wall / n, walls["amazon.aws"] / n)
        costs["amazon.aws without s3_website's sleeps"] = (
            first["amazon.aws"].wall / n, walls["amazon.aws"] / n - S3_WEBSITE_SLEEP_S)
    return costs


def fleet_rows(res: dict, converge: dict | None) -> list[Row]:
    if res.get("skipped"):
        return [Row(f"6. fleet converge {res['sizes']} x 6 (cos_buckets)", res["skipped"])]
    runs, floor = res["runs"], res["floor"]
    costs = per_task_costs(converge)
    per_task = costs.get("ibm.cos, one task per bucket")
    peer = costs.get("amazon.aws without s3_website's sleeps")
    peer_all = costs.get("amazon.aws, four tasks per bucket")
    base = f" (extrapolated from {converge['buckets']})" if converge else ""
    rows = []
    for n in res["sizes"]:
        first, noop = runs[(n, "first")], runs[(n, "noop")]
        judged = n >= FLEET_AT
        note = "" if judged else f" at {FLEET_AT} buckets"
        for phase, run, limit, index in (("first run", first, FLEET_FIRST_S, 0), ("no-op", noop, FLEET_NOOP_S, 1)):
            ratios = [f"{run.wall / n * 1000:.0f} ms/bucket"]
            if per_task:
                ratios.append(f"{run.wall / (per_task[index] * n):.3f}x one task per bucket")
            if peer:
                ratios.append(f"{run.wall / (peer[index] * n):.3f}x aws" + (" w/o sleeps" if index else ""))
            holds = run.ok and run.wall <= limit
            rows.append(Row(f"6. fleet {n} x 6, {phase} (1 cos_buckets task, parallelism {res['parallelism']})",
                            "wall s", secs(run),
                            (f"~{peer_all[index] * n:.0f}" + (f" (~{peer[index] * n:.0f} w/o sleeps)" if index else "")
                             + base) if peer else "",
                            f"one task per bucket ~{per_task[index] * n:.0f}{base}" if per_task else "",
                            ", ".join(ratios), f"<= {limit:g} s{note}",
                            verdict(holds) if judged else ("" if run.ok else "NO"),
                            "" if holds or not judged else
                            f"{run.wall:.1f} s, cpu {run.cpu:.1f} s; calls {ops_text(run.ops)}"))
        calls_ok, why = noop_calls_check(noop, n) if noop.ok else (False, "run failed")
        iam_ok = noop.ok and first.ok and noop.iam == 1 and first.iam == 1
        rows.append(Row(f"6. fleet {n}: no-op HTTP calls", "reads / writes", calls(noop), "", "", "",
                        f"{len(FACET_READS)} reads + <= 1 check per bucket, 0 writes; 1 IAM exchange per run",
                        verdict(calls_ok and iam_ok),
                        "; ".join(x for x in (why, "" if iam_ok else f"IAM first {first.iam}, no-op {noop.iam}") if x),
                        calls_check=True))
    return rows


def iam_rows(res: dict) -> list[Row]:
    s, p, w = res["serial"], res["parallel"], res["warm"]
    ok = all(r.ok for r in (s, p, w)) and s.iam == 1 and p.iam == 1 and w.iam == 0
    return [Row(f"4. IAM exchanges, {res['tasks']} tasks", "count",
                f"serial {s.iam}, 2 forks {p.iam}, warm cache {w.iam}", "", "", "",
                "1 per run (0 with a warm cache)", verdict(ok),
                "" if ok else f"runs ok: {[r.ok for r in (s, p, w)]}", calls_check=True)]


def slope(points: dict) -> float:
    xs, ys = list(points), list(points.values())
    if len(xs) < 2:
        return float("nan")
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def scaling_rows(res: dict) -> list[Row]:
    w = res["walls"]
    s = {c: slope(w[c]) for c in w}
    peer = "amazon.aws" in s
    awake = s["amazon.aws"] - S3_WEBSITE_SLEEP_S if peer else None
    return [Row(f"5. no-op cost per bucket ({', '.join(map(str, res['sizes']))})", "s / bucket (slope)",
                f"{s['ibm.cos']:.2f}", f"{s['amazon.aws']:.2f} ({awake:.2f} without sleeps)" if peer else "",
                f"ping {s['floor: ping']:.2f} / client {s['floor: ibm_boto3 client']:.2f}",
                f"{s['ibm.cos'] / s['floor: ibm_boto3 client']:.2f}x floor"
                + (f", {s['ibm.cos'] / s['amazon.aws']:.2f}x aws ({s['ibm.cos'] / awake:.2f}x without sleeps)"
                   if peer else ""))]


# --- output ---------------------------------------------------------------------------------------

def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for r in rows:
        cells = (r.scenario, r.measure, r.ibm, r.peer, r.floor, r.ratio, r.target, r.holds)
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def text_table(rows: list[Row]) -> str:
    cells = [HEADER] + [(r.scenario, r.measure, r.ibm, r.peer, r.floor, r.ratio, r.target, r.holds)
                        for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER))]
    out = []
    for i, c in enumerate(cells):
        out.append("  ".join(v.ljust(widths[j]) for j, v in enumerate(c)).rstrip())
        if i == 0:
            out.append("  ".join("-" * wd for wd in widths))
    return "\n".join(out)


def machine() -> dict:
    info = {"cores": os.cpu_count(), "python": platform.python_version(), "kernel": platform.release()}
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kb = int(next(line for line in meminfo.splitlines() if line.startswith("MemTotal")).split()[1])
        info["memory"] = f"{kb / 1024 / 1024:.1f} GiB"
        cpu = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next((line.split(":", 1)[1].strip() for line in cpu.splitlines()
                            if line.startswith("model name")), "unknown")
    except (OSError, StopIteration):
        pass
    try:
        info["loadavg"] = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        pass
    return info


def versions() -> dict:
    def pkg(bin_dir, *names):
        code = ("import importlib.metadata as m\n"
                f"print(' '.join(n + '==' + m.version(n) for n in {names!r}))")
        try:
            return subprocess.run([str(bin_dir / "python"), "-c", code], capture_output=True,
                                  text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "unknown"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True).stdout.strip()
    except OSError:
        commit = "unknown"
    return {"ibm.cos": f"checkout {commit} ({pkg(REPO / '.venv' / 'bin', 'ansible-core', 'ibm-cos-sdk')})",
            "peer": pkg(PEER_BIN, "ansible", "ansible-core", "boto3", "botocore")}


def details(results: dict) -> str:
    """Per-operation call counts of every run, so each number in the table can be traced."""
    out = []
    conv = results.get("converge")
    if conv:
        out.append(f"### 1. Converge {conv['buckets']} buckets: calls by operation\n")
        ran = list(conv["first"])
        for phase in ("first", "noop"):
            for c in ran:
                run = conv[phase][c] if phase == "first" else conv[phase][c][0]
                if c.startswith("floor"):
                    continue
                out.append(f"- {phase} / {c}: {ops_text(run.ops)}")
        for c in ran:
            out.append(f"- no-op wall (cpu) times / {c}: "
                       + ", ".join(f"{r.wall:.2f} ({r.cpu:.2f})" for r in conv["noop"][c]))
        out.append("")
    up = results.get("upload")
    if up:
        out.append("### 2. Upload: calls by operation and timings\n")
        for (size, c), r in up["results"].items():
            extra = f"; script phases {json.dumps({k: round(v, 2) for k, v in r['detail'].items()})}" \
                if r["detail"] else ""
            runs = ", ".join(f"{w:.2f}" for w in r["walls"])
            out.append(f"- {size} MiB / {c}: {r['run'].wall:.2f} s (median of runs {runs}), peak RSS {r['peak_rss_mb']:.0f} MB "
                       f"(all processes {json.dumps({k: round(v) for k, v in r['run'].peak_rss_mb.items()})}); "
                       f"{ops_text(r['ops'])}{extra}")
        out.append("")
    sync = results.get("sync")
    if sync:
        out.append("### 3. Sync: calls by operation\n")
        for c, r in sync["results"].items():
            count = r.get("files", sync["files"])
            extra = f"; script phases {json.dumps({k: round(v, 2) for k, v in r['detail'].items()})}" \
                if r.get("detail") else ""
            out.append(f"- first / {c} ({count} files): {r['first'].wall:.2f} s (cpu {r['first'].cpu:.2f} s); "
                       f"{ops_text(r['first'].ops)}{extra}")
            if "noop" in r:
                out.append(f"- no-op / {c}: {r['noop'].wall:.2f} s (cpu {r['noop'].cpu:.2f} s); "
                           f"{ops_text(r['noop'].ops)}")
        large = sync.get("large")
        if large:
            for key in ("seed", "noop", "raw_list"):
                if large.get(key):
                    out.append(f"- {large['objects']} objects, {key} / {'raw ibm_boto3' if key == 'raw_list' else 'ibm.cos'}: "
                               f"{large[key].wall:.2f} s (cpu {large[key].cpu:.2f} s); {ops_text(large[key].ops)}")
            if large.get("raw_list_detail"):
                out.append(f"- raw listing phases: {json.dumps({k: round(v, 2) for k, v in large['raw_list_detail'].items()})}")
        out.append("")
    fleet = results.get("fleet")
    if fleet:
        out.append(f"### 6. Fleet converge of {fleet['sizes']} buckets: calls by operation\n")
        if fleet.get("skipped"):
            out.append(f"- {fleet['skipped']}")
        else:
            for (n, phase), run in fleet["runs"].items():
                out.append(f"- {n} buckets, {phase}: {run.wall:.2f} s (cpu {run.cpu:.2f} s); {ops_text(run.ops)}")
            out.append(f"- client floor, one task: {fleet['floor'].wall:.2f} s (cpu {fleet['floor'].cpu:.2f} s)")
        out.append("")
    iam = results.get("iam")
    if iam:
        out.append("### 4. IAM: calls by operation\n")
        for key in ("serial", "parallel", "warm"):
            out.append(f"- {key}: {iam[key].wall:.2f} s; {ops_text(iam[key].ops)}")
        out.append("")
    scaling = results.get("scaling")
    if scaling:
        out.append("### 5. No-op converge wall time (s) by bucket count\n")
        out.append("| contender | " + " | ".join(map(str, scaling["sizes"])) + " |")
        out.append("|---|" + "---|" * len(scaling["sizes"]))
        for c, walls in scaling["walls"].items():
            out.append(f"| {c} | " + " | ".join(f"{walls[s]:.2f}" for s in scaling["sizes"]) + " |")
        out.append("")
    return "\n".join(out)


def rows_for(results: dict) -> list[Row]:
    rows = []
    for key, build in (("converge", converge_rows), ("upload", upload_rows), ("sync", sync_rows),
                       ("iam", iam_rows), ("scaling", scaling_rows),
                       ("fleet", lambda res: fleet_rows(res, results.get("converge")))):
        if key in results:
            try:
                rows += build(results[key])
            except (KeyError, ZeroDivisionError, ValueError) as exc:
                rows.append(Row(key, "could not summarise", holds="NO", cause=repr(exc)))
    return rows


def write_results(results: dict, rows: list[Row], options: dict, out: Path, plot: Path | None,
                  elapsed: float) -> None:
    m, v = machine(), versions()
    misses = [r for r in rows if r.holds == "NO"]
    text = [
        "# Benchmark results",
        "",
        f"Run of `make bench` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} minutes.",
        "",
        f"- Machine: {m.get('cores')} cores ({m.get('cpu', 'unknown')}), {m.get('memory', '?')} memory, "
        f"Linux {m.get('kernel')}, Python {m.get('python')}; load average at the end "
        f"{' '.join(m.get('loadavg', []))} (the cores are shared, so compare ratios within this run).",
        f"- ibm.cos: {v['ibm.cos']}",
        f"- Peer: {v['peer']} (amazon.aws and community.aws as bundled), HMAC keys against the same stack.",
        f"- Sizes: {json.dumps(options)}",
        "",
    ]
    if options.get("partial"):
        text += ["**Partial: written after a scenario while the run went on; the run did not finish.**", ""]
    text += [
        markdown_table(rows),
        "",
    ]
    if plot:
        text += [f"![wall time by bucket count: one cos_buckets task against one task per bucket]({plot.name})", ""]
    text += ["## Targets missed and their measured causes", ""]
    text += [f"- **{r.scenario}** ({r.target}): {r.cause or 'see details below'}" for r in misses] or ["None."]
    text += ["", "## Method", "",
             "Every number comes from one `ansible-playbook` (or script) subprocess on localhost, timed "
             "by wall clock around the process. The local COS stack's counters are reset before each "
             "run and read after it, so the calls and IAM exchanges are exactly that run's. Each "
             "scenario that counts IAM exchanges gets a fresh token cache directory "
             "(`IBM_COS_TOKEN_CACHE_DIR`). Peak RSS is the kernel's high-water mark (VmHWM) of the "
             "process doing the upload, polled every 50 ms. Repeated runs (no-op converges, uploads by "
             "ibm.cos and the raw script) alternate between contenders and the median run counts. "
             "Ansible runs with Python's default bytecode caching. The floors run as many tasks as ibm.cos: "
             "`ansible.builtin.ping` (Ansible's per-task cost) and `bench/library/cos_client_floor.py` "
             "(imports ibm_boto3 and builds a client, nothing more). amazon.aws needs four tasks per "
             "bucket for the same six settings; its `s3_website` sleeps 5 s whenever the bucket already "
             "has a website, so no-op ratios are also given against the peer's time less those sleeps, "
             "and the target is judged on that stricter figure.", "",
             "## Details", "", details(results)]
    out.write_text("\n".join(text) + "\n")


def draw_scaling(results: dict, out: Path) -> bool:
    """scaling.png: the fleet scenario's wall times by bucket count, beside one task per bucket
    (extrapolated from scenario 1); without a fleet run, scenario 5's no-op times by bucket count."""
    fleet, converge, scaling = results.get("fleet"), results.get("converge"), results.get("scaling")
    if fleet and not fleet.get("skipped"):
        sizes = fleet["sizes"]
        walls = {"cos_buckets, first run": [fleet["runs"][(n, "first")].wall for n in sizes],
                 "cos_buckets, no-op": [fleet["runs"][(n, "noop")].wall for n in sizes]}
        for name, (_first, noop) in per_task_costs(converge).items():
            walls[f"{name}, no-op (extrapolated)"] = [noop * n for n in sizes]
        data = {"sizes": sizes, "walls": walls, "logy": True,
                "title": "Converging a fleet: one cos_buckets task against one task per bucket",
                "ylabel": "wall time (s), log scale"}
    elif scaling:
        sizes = scaling["sizes"]
        walls = {c: [w[s] for s in sizes] for c, w in scaling["walls"].items()}
        if "amazon.aws" not in walls:
            return False
        walls["amazon.aws without s3_website's sleeps"] = [
            t - S3_WEBSITE_SLEEP_S * n for t, n in zip(walls["amazon.aws"], sizes)]
        data = {"sizes": sizes, "walls": walls}
    else:
        return False
    if not (PEER_BIN / "python").exists():
        return False   # the plot is drawn by the peer venv's matplotlib
    proc = subprocess.run([str(PEER_BIN / "python"), str(BENCH / "plot.py"), str(out)],
                          input=json.dumps(data), text=True, capture_output=True)
    if proc.returncode:
        print("could not draw the plot:", proc.stderr[-2000:])
    return proc.returncode == 0
