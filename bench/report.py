"""Turn scenario results into one table (targets and whether they hold), RESULTS.md and the plot."""
from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from harness import BENCH, PEER_BIN, REPO, split_ops
from scenario_converge import CONTENDERS, FACET_READS, noop_calls_check

NOOP_FLOOR_RATIO = 1.2
NOOP_PEER_RATIO = 0.35
UPLOAD_RAW_RATIO = 0.9
UPLOAD_RSS_MB = 200
UPLOAD_RSS_AT_MIB = 1024
RESYNC_SPEEDUP = 5.0
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
    ibm_runs = noops["ibm.cos"]
    ibm_ok = all(r.ok for r in ibm_runs)
    floor = walls["floor: ibm_boto3 client"]
    peer_awake = walls["amazon.aws"] - S3_WEBSITE_SLEEP_S * n
    vs_floor = walls["ibm.cos"] / floor
    vs_peer = walls["ibm.cos"] / walls["amazon.aws"]
    vs_peer_awake = walls["ibm.cos"] / peer_awake
    rows = [Row(f"1. converge {n} x 6, first run", "wall s",
                secs(first["ibm.cos"]), secs(first["amazon.aws"]),
                f"ping {first['floor: ping'].wall:.2f} / client {first['floor: ibm_boto3 client'].wall:.2f}",
                f"{first['ibm.cos'].wall / first['amazon.aws'].wall:.2f}x aws")]
    rows.append(Row("1. first run: HTTP calls", "reads / writes", calls(first["ibm.cos"]),
                    calls(first["amazon.aws"])))
    time_ok = ibm_ok and vs_floor <= NOOP_FLOOR_RATIO and vs_peer_awake <= NOOP_PEER_RATIO
    cause = ""
    if ibm_ok and not time_ok:
        per_task = (walls["ibm.cos"] - floor) / n * 1000
        cause = (f"ibm.cos costs {per_task:.0f} ms per task above the dependency floor "
                 f"(floor {floor / n * 1000:.0f} ms per task, ping {walls['floor: ping'] / n * 1000:.0f} ms)")
    rows.append(Row(f"1. no-op rerun (median of {len(ibm_runs)})", "wall s",
                    f"{walls['ibm.cos']:.2f}",
                    f"{walls['amazon.aws']:.2f} ({peer_awake:.2f} w/o sleeps)",
                    f"ping {walls['floor: ping']:.2f} / client {floor:.2f}",
                    f"{vs_floor:.2f}x floor, {vs_peer:.2f}x aws ({vs_peer_awake:.2f}x w/o sleeps)",
                    f"<= {NOOP_FLOOR_RATIO}x floor, <= {NOOP_PEER_RATIO}x aws (without sleeps)",
                    verdict(time_ok), cause))
    cpu = res["noop_cpu"]
    rows.append(Row("1. no-op rerun: CPU time", "cpu s (tree)", f"{cpu['ibm.cos']:.2f}",
                    f"{cpu['amazon.aws']:.2f}",
                    f"ping {cpu['floor: ping']:.2f} / client {cpu['floor: ibm_boto3 client']:.2f}",
                    f"{cpu['ibm.cos'] / cpu['floor: ibm_boto3 client']:.2f}x floor, "
                    f"{cpu['ibm.cos'] / cpu['amazon.aws']:.2f}x aws"))
    calls_ok, why = noop_calls_check(ibm_runs[0], n) if ibm_ok else (False, "run failed")
    rows.append(Row("1. no-op: HTTP calls", "reads / writes", calls(ibm_runs[0]), calls(noops["amazon.aws"][0]),
                    "", f"{sum(ibm_runs[0].reads.values()) / max(1, sum(noops['amazon.aws'][0].reads.values())):.2f}x aws reads",
                    f"{len(FACET_READS)} reads + <= 1 check per bucket, 0 writes", verdict(calls_ok), why))
    iams = sorted({r.iam for r in ibm_runs})
    iam_ok = ibm_ok and iams == [1] and first["ibm.cos"].iam == 1
    rows.append(Row("1. IAM exchanges per run", "count",
                    f"first {first['ibm.cos'].iam}, no-op {'/'.join(map(str, iams))}", "0 (HMAC)", "", "",
                    "1 per playbook run", verdict(iam_ok),
                    "" if iam_ok else f"first run {first['ibm.cos'].iam}, no-op runs {[r.iam for r in ibm_runs]}"))
    return rows


def upload_rows(res: dict) -> list[Row]:
    rows = []
    largest = max(res["sizes"])
    for size in res["sizes"]:
        r = {c: res["results"][(size, c)] for c in ("ibm.cos", "amazon.aws", "raw ibm_boto3")}
        ok = all(x["ok"] for x in r.values())

        def rate(x):
            return f"{x['mib_s']:.1f}" if x["ok"] else "FAILED"

        ratio = r["ibm.cos"]["mib_s"] / r["raw ibm_boto3"]["mib_s"]
        is_target = size == largest
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
        rows.append(Row(label, "MiB/s", rate(r["ibm.cos"]), rate(r["amazon.aws"]),
                        f"raw {rate(r['raw ibm_boto3'])}",
                        f"{ratio:.2f}x raw" + (f" ({net_ratio:.2f}x net of start-up)" if net_ratio else "") + ", "
                        f"{r['ibm.cos']['mib_s'] / r['amazon.aws']['mib_s']:.2f}x aws",
                        f">= {UPLOAD_RAW_RATIO}x raw" if is_target else "",
                        verdict(speed_ok) if is_target else "", cause if is_target else ""))
        rss_target = size >= UPLOAD_RSS_AT_MIB or size == largest
        rss_ok = ok and r["ibm.cos"]["peak_rss_mb"] < UPLOAD_RSS_MB
        rows.append(Row(f"2. upload {size} MiB: peak RSS", "MB",
                        f"{r['ibm.cos']['peak_rss_mb']:.0f}", f"{r['amazon.aws']['peak_rss_mb']:.0f}",
                        f"raw {r['raw ibm_boto3']['peak_rss_mb']:.0f}", "",
                        f"< {UPLOAD_RSS_MB} MB" if rss_target else "",
                        verdict(rss_ok) if rss_target else "",
                        "" if rss_ok or not rss_target else f"module peak {r['ibm.cos']['peak_rss_mb']:.0f} MB"))
    return rows


def sync_rows(res: dict) -> list[Row]:
    n = res["files"]
    ibm, aws = res["results"]["ibm.cos"], res["results"]["amazon.aws"]
    rows = [Row(f"3. sync {n} files, first", "wall s", secs(ibm["first"]), secs(aws["first"]), "",
                f"{aws['first'].wall / ibm['first'].wall:.2f}x faster",
                f"all {n} stored", verdict(ibm["stored"] == n and ibm["first"].ok),
                "" if ibm["stored"] == n else f"{ibm['stored']} objects stored")]
    ok = ibm["noop"].ok and aws["noop"].ok
    speedup = aws["noop"].wall / ibm["noop"].wall
    holds = ok and speedup >= RESYNC_SPEEDUP and ibm["noop_uploads"] == 0
    cause = ""
    if ok and not holds:
        cause = (f"ibm.cos resync calls: {ops_text(ibm['noop'].ops)}; s3_sync: {ops_text(aws['noop'].ops)}")
    rows.append(Row(f"3. no-op resync", "wall s", secs(ibm["noop"]), secs(aws["noop"]), "",
                    f"{speedup:.2f}x faster", f">= {RESYNC_SPEEDUP:g}x faster, 0 uploads",
                    verdict(holds), cause))
    rows.append(Row("3. no-op resync: calls", "reads / uploads",
                    f"{sum(ibm['noop'].reads.values())} / {ibm['noop_uploads']}",
                    f"{sum(aws['noop'].reads.values())} / {aws['noop_uploads']}"))
    return rows


def iam_rows(res: dict) -> list[Row]:
    s, p, w = res["serial"], res["parallel"], res["warm"]
    ok = all(r.ok for r in (s, p, w)) and s.iam == 1 and p.iam == 1 and w.iam == 0
    return [Row(f"4. IAM exchanges, {res['tasks']} tasks", "count",
                f"serial {s.iam}, 2 forks {p.iam}, warm cache {w.iam}", "", "", "",
                "1 per run (0 with a warm cache)", verdict(ok),
                "" if ok else f"runs ok: {[r.ok for r in (s, p, w)]}")]


def slope(points: dict) -> float:
    xs, ys = list(points), list(points.values())
    if len(xs) < 2:
        return float("nan")
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def scaling_rows(res: dict) -> list[Row]:
    w = res["walls"]
    s = {c: slope(w[c]) for c in w}
    awake = s["amazon.aws"] - S3_WEBSITE_SLEEP_S
    return [Row(f"5. no-op cost per bucket ({', '.join(map(str, res['sizes']))})", "s / bucket (slope)",
                f"{s['ibm.cos']:.2f}", f"{s['amazon.aws']:.2f} ({awake:.2f} without sleeps)",
                f"ping {s['floor: ping']:.2f} / client {s['floor: ibm_boto3 client']:.2f}",
                f"{s['ibm.cos'] / s['floor: ibm_boto3 client']:.2f}x floor, "
                f"{s['ibm.cos'] / s['amazon.aws']:.2f}x aws ({s['ibm.cos'] / awake:.2f}x without sleeps)")]


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
        for phase in ("first", "noop"):
            for c in CONTENDERS:
                run = conv[phase][c] if phase == "first" else conv[phase][c][0]
                if c.startswith("floor"):
                    continue
                out.append(f"- {phase} / {c}: {ops_text(run.ops)}")
        for c in CONTENDERS:
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
            out.append(f"- first / {c}: {ops_text(r['first'].ops)}")
            out.append(f"- no-op / {c}: {ops_text(r['noop'].ops)}")
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
                       ("iam", iam_rows), ("scaling", scaling_rows)):
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
        markdown_table(rows),
        "",
    ]
    if plot:
        text += [f"![no-op converge time by bucket count]({plot.name})", ""]
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
             "bucket for the same five settings; its `s3_website` sleeps 5 s whenever the bucket already "
             "has a website, so no-op ratios are also given against the peer's time less those sleeps, "
             "and the target is judged on that stricter figure.", "",
             "## Details", "", details(results)]
    out.write_text("\n".join(text) + "\n")


def draw_scaling(scaling: dict, out: Path) -> bool:
    sizes = scaling["sizes"]
    walls = {c: [w[s] for s in sizes] for c, w in scaling["walls"].items()}
    walls["amazon.aws without s3_website's sleeps"] = [
        t - S3_WEBSITE_SLEEP_S * n for t, n in zip(walls["amazon.aws"], sizes)]
    data = {"sizes": sizes, "walls": walls}
    proc = subprocess.run([str(PEER_BIN / "python"), str(BENCH / "plot.py"), str(out)],
                          input=json.dumps(data), text=True, capture_output=True)
    if proc.returncode:
        print("could not draw the plot:", proc.stderr[-2000:])
    return proc.returncode == 0
