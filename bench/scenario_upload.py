"""Scenario 2: one large upload by cos_object, amazon.aws s3_object, a raw ibm_boto3 script and
the AWS CLI's `aws s3 cp` (its default transfer settings, the stack's HMAC keys).

Each file is written once (random bytes, in a temporary directory) and deleted afterwards; each
uploaded object is deleted right after its run so the stack never holds more than one of them.
Peak RSS is the kernel's high-water mark of the process doing the upload (the module process for
Ansible, the script itself for the raw run, the CLI process for `aws s3 cp`).
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from scenario_sync import aws_cli, aws_cli_env
from harness import BENCH, IBM_CONNECTION_ENV, PROJECT_BIN, Stack, hmac_client, ibm_side, peer_side, run_command, run_playbook

MIB = 1024 * 1024
BUCKET = "bench-upload"


def write_random_file(path: Path, size_mib: int) -> None:
    with open(path, "wb") as f:
        for _ in range(size_mib):
            f.write(os.urandom(MIB))


def upload_once(contender: str, stack: Stack, src: Path, key: str, token_cache: Path):
    label = f"upload-{key}"
    if contender == "ibm.cos":
        side = ibm_side(stack)
        task = {"name": key, "ibm.cos.cos_object": {"bucket": BUCKET, "key": key, "src": str(src)}}
        return run_playbook(side, label, [task], stack, watch_memory=True,
                            env={"IBM_COS_TOKEN_CACHE_DIR": str(token_cache)}), None
    if contender == "amazon.aws":
        side = peer_side(stack)
        task = {"name": key, "amazon.aws.s3_object": {"bucket": BUCKET, "object": key,
                                                       "src": str(src), "mode": "put"}}
        return run_playbook(side, label, [task], stack, watch_memory=True), None
    if contender == "aws s3 cp":
        cmd = aws_cli(stack, "s3", "cp", str(src), f"s3://{BUCKET}/{key}")
        return run_command(cmd, label, stack, aws_cli_env(stack), watch_memory=True), None
    env = dict(os.environ, **{k: stack.env[k] for k in IBM_CONNECTION_ENV if k in stack.env})
    cmd = [str(PROJECT_BIN / "python"), str(BENCH / "raw_upload.py"), str(src), BUCKET, key]
    result = run_command(cmd, label, stack, env, watch_memory=True)
    detail = None
    for line in reversed(result.log.splitlines()):
        if line.startswith("{"):
            detail = json.loads(line)
            break
    return result, detail


CONTENDERS = ("raw ibm_boto3", "ibm.cos", "aws s3 cp", "amazon.aws")
PEERS = ("aws s3 cp", "amazon.aws")
# amazon.aws s3_object uploads with boto3's transfer manager as `aws s3 cp` does; above this size
# only `aws s3 cp` stands for the peer, which keeps the full run within the hour.
AMAZON_AWS_UP_TO_MIB = 1024


def scenario_upload(stack: Stack, token_cache_dir: Path, sizes_mib: list[int], repeat: int = 1,
                    peer_repeat: int = 1, peers: bool = True) -> dict:
    """Each size uploaded `repeat` times by ibm.cos and the raw script, interleaved, and
    `peer_repeat` times by amazon.aws; the run with the median wall time stands for each."""
    print(f"scenario 2: upload {sizes_mib} MiB", flush=True)
    stack.reset()
    s3 = hmac_client(stack)
    s3.create_bucket(Bucket=BUCKET)
    tmp = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    results = {}
    # The fixed cost around an upload task: ansible-playbook, one module start, ibm_boto3 import
    # and client. Subtracting it gives the transfer rate net of start-up.
    startup = run_playbook(ibm_side(stack), "upload-startup-floor",
                           [{"name": "floor", "cos_client_floor": {"bucket": BUCKET}}], stack).wall

    def measure(size, contender, src, rep):
        key = f"{size}MiB-{contender.replace(' ', '-').replace('.', '-')}-{rep}"
        cache = token_cache_dir / f"upload-{key}"
        cache.mkdir(parents=True, exist_ok=True)
        run, detail = upload_once(contender, stack, src, key, cache)
        uploaded = False
        try:
            uploaded = s3.head_object(Bucket=BUCKET, Key=key)["ContentLength"] == size * MIB
            s3.delete_object(Bucket=BUCKET, Key=key)
        except Exception as exc:  # noqa: BLE001  (a failed upload leaves no object)
            print(f"    {key}: object not found after upload ({exc})", file=sys.stderr)
        peak = max(run.peak_rss_mb.get("module", 0.0), run.peak_rss_mb.get("script", 0.0))
        fixed = (detail["import_s"] + detail["client_s"]) if detail else startup
        return {"run": run, "ok": run.ok and uploaded, "mib_s": size / run.wall,
                "net_mib_s": size / max(run.wall - fixed, 1e-3),
                "peak_rss_mb": peak, "detail": detail,
                "ops": {k: v for k, v in run.ops.items() if v}}

    try:
        for size in sizes_mib:
            src = tmp / f"blob-{size}MiB.bin"
            write_random_file(src, size)
            contenders = [c for c in CONTENDERS if (peers or c not in PEERS)
                          and not (c == "amazon.aws" and size > AMAZON_AWS_UP_TO_MIB)]
            runs = {c: [] for c in contenders}
            for rep in range(max(repeat, peer_repeat)):
                for contender in contenders:
                    if rep < (peer_repeat if contender == "amazon.aws" else repeat):
                        runs[contender].append(measure(size, contender, src, rep))
            for contender, measured in runs.items():
                median_run = sorted(measured, key=lambda m: m["run"].wall)[len(measured) // 2]
                results[(size, contender)] = dict(median_run, ok=all(m["ok"] for m in measured),
                                                  walls=[m["run"].wall for m in measured])
            src.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"sizes": sizes_mib, "results": results, "startup_s": startup, "peers": peers}
