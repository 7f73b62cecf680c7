"""What every scenario needs: the stack, the two Ansible installations, timed playbook runs.

A playbook run is one `ansible-playbook` subprocess on localhost. Its wall time is measured around
the subprocess, and the stack's counters are reset before it and read after it, so every run
reports exactly the HTTP calls and IAM exchanges it caused.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
sys.path.insert(0, str(REPO / "tests"))

from cos_stack.admin import StackAdmin, is_write  # noqa: E402  (needs tests/ on sys.path)

PROJECT_BIN = REPO / ".venv" / "bin"
PEER_BIN = BENCH / ".venv-peer" / "bin"

UPLOAD_OPS = ("PutObject", "CreateMultipartUpload", "UploadPart", "UploadPartCopy", "CopyObject",
              "CompleteMultipartUpload")


def split_ops(ops: dict) -> tuple[dict, dict, int]:
    """(reads, writes, iam exchanges) from a counters ops dict."""
    ops = dict(ops)
    iam = ops.pop("iam_token", 0)
    writes = {op: n for op, n in ops.items() if is_write(op) and n}
    reads = {op: n for op, n in ops.items() if not is_write(op) and n}
    return reads, writes, iam


class Stack:
    """The local COS stack this benchmark starts for itself (never a shared one)."""

    def __init__(self, stack_dir: Path, port_base: str):
        self.dir = stack_dir
        self.port_base = port_base
        self.env: dict[str, str] = {}
        self.admin: StackAdmin | None = None

    def _run(self, verb: str) -> None:
        env = dict(os.environ, COS_STACK_DIR=str(self.dir), COS_STACK_PORT_BASE=self.port_base,
                   PYTHONPATH=str(REPO / "tests"))
        subprocess.run([str(PROJECT_BIN / "python"), "-m", "cos_stack", verb], env=env, check=True,
                       cwd=REPO, stdout=subprocess.DEVNULL if verb == "down" else None)

    def up(self) -> "Stack":
        self.dir.mkdir(parents=True, exist_ok=True)
        self._run("up")
        return self.attach()

    def attach(self) -> "Stack":
        self.env = read_env_file(self.dir / "env")
        self.admin = StackAdmin.from_env(self.env)
        return self

    def down(self) -> None:
        self._run("down")

    def reset(self) -> None:
        self.admin.reset()

    def counters(self) -> dict:
        return dict(self.admin.counters())

    def reset_counters(self) -> None:
        self.admin.reset_counters()


def read_env_file(path: Path) -> dict[str, str]:
    env = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        env[key.strip()] = " ".join(shlex.split(value))
    return env


@dataclass
class Side:
    """One Ansible installation and the environment its tasks see."""
    name: str
    bin_dir: Path
    env: dict[str, str]

    @property
    def python(self) -> str:
        return str(self.bin_dir / "python")


def common_ansible_env() -> dict[str, str]:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("IBM", "IC_", "AWS_", "ANSIBLE_", "COS_STACK"))}
    base.pop("PYTHONPATH", None)
    # Python caches bytecode unless told not to. Left set, this variable would make only ibm.cos
    # (a source checkout) recompile its controller code in every task, while the peer's
    # collections and ansible-core run from the bytecode pip compiled at install.
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    base.update({
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
        "ANSIBLE_DEPRECATION_WARNINGS": "0",
        "ANSIBLE_LIBRARY": str(BENCH / "library"),
    })
    return base


# What ibm.cos reads from the environment to reach the stack with IAM auth (no HMAC keys).
IBM_CONNECTION_ENV = ("IBMCLOUD_API_KEY", "IBM_COS_INSTANCE_CRN", "IBM_COS_ENDPOINT", "IBM_COS_REGION",
                      "IBM_COS_ENDPOINTS_URL", "IBM_IAM_ENDPOINT", "IBM_COS_CONFIG_ENDPOINT",
                      "IBM_COS_CA_BUNDLE")


def ibm_side(stack: Stack, collections: Path | None = None) -> Side:
    """ibm.cos with IAM auth: the API key, instance, endpoint and CA come from the environment.
    `collections`: another build of ibm.cos (a collections path) instead of this checkout's."""
    env = common_ansible_env()
    env.update({k: stack.env[k] for k in IBM_CONNECTION_ENV if k in stack.env})
    env["ANSIBLE_COLLECTIONS_PATH"] = str(collections or REPO / "build" / "collections")
    return Side("ibm.cos", PROJECT_BIN, env)


def peer_side(stack: Stack) -> Side:
    """amazon.aws / community.aws with the stack's HMAC keys, its endpoint and its CA."""
    env = common_ansible_env()
    env.update({
        "AWS_ACCESS_KEY_ID": stack.env["IBM_COS_HMAC_ACCESS_KEY_ID"],
        "AWS_SECRET_ACCESS_KEY": stack.env["IBM_COS_HMAC_SECRET_ACCESS_KEY"],
        "AWS_URL": stack.env["IBM_COS_ENDPOINT"],
        "AWS_CA_BUNDLE": stack.env["IBM_COS_CA_BUNDLE"],
        # s3_bucket sends the region as the LocationConstraint, which COS spells <location>-<class>.
        "AWS_REGION": stack.env.get("IBM_COS_REGION", "us-south") + "-standard",
    })
    # Only the collections bundled with the `ansible` package: an empty path keeps ~/.ansible out.
    empty = WORK / "empty-collections"
    empty.mkdir(parents=True, exist_ok=True)
    env["ANSIBLE_COLLECTIONS_PATH"] = str(empty)
    return Side("amazon.aws", PEER_BIN, env)


@dataclass
class RunResult:
    label: str
    wall: float
    rc: int
    ops: dict = field(default_factory=dict)
    peak_rss_mb: dict = field(default_factory=dict)   # process kind -> MB
    log: str = ""
    cpu: float = 0.0   # user + system seconds of the whole process tree (the stack not included)

    @property
    def ok(self) -> bool:
        return self.rc == 0

    @property
    def reads(self) -> dict:
        return split_ops(self.ops)[0]

    @property
    def writes(self) -> dict:
        return split_ops(self.ops)[1]

    @property
    def iam(self) -> int:
        return split_ops(self.ops)[2]

    def count(self, *ops: str) -> int:
        return sum(self.ops.get(op, 0) for op in ops)


def run_dir(label: str) -> Path:
    path = WORK / "runs" / label
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def run_playbook(side: Side, label: str, tasks: list[dict], stack: Stack, *, hosts=("localhost",),
                 forks: int = 1, env: dict | None = None, watch_memory: bool = False) -> RunResult:
    """Run `tasks` in one play as one ansible-playbook process; time it and read the counters."""
    where = run_dir(label)
    play = [{"name": label, "hosts": "all", "gather_facts": False, "tasks": tasks}]
    (where / "play.yml").write_text(json.dumps(play, indent=1))
    (where / "inventory").write_text("".join(
        f"{h} ansible_connection=local ansible_python_interpreter={side.python}\n" for h in hosts))
    cmd = [str(side.bin_dir / "ansible-playbook"), "-i", "inventory", "-f", str(forks), "play.yml"]
    full_env = dict(side.env, **(env or {}))
    return timed(cmd, label, where, stack, full_env, watch_memory)


def run_command(cmd: list[str], label: str, stack: Stack, env: dict, watch_memory=False) -> RunResult:
    return timed(cmd, label, run_dir(label), stack, env, watch_memory)


def timed(cmd, label, where: Path, stack: Stack, env, watch_memory) -> RunResult:
    stack.reset_counters()
    log_path = where / "output.log"
    with open(log_path, "w") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=where, env=env, stdout=log, stderr=subprocess.STDOUT)
        rc, usage, peaks = wait_with_usage(proc, watch_memory)
        wall = time.perf_counter() - start
    ops = stack.counters()
    result = RunResult(label, wall, rc, ops, peaks, log_path.read_text()[-3000:],
                       cpu=usage.ru_utime + usage.ru_stime)
    status = "ok" if rc == 0 else f"FAILED rc={rc} (see {log_path.relative_to(REPO)})"
    print(f"  {label:<40} {wall:7.2f} s  cpu {result.cpu:6.2f} s  {status}", flush=True)
    return result


# --- peak memory -----------------------------------------------------------------------------
# The kernel keeps each process's resident high-water mark (VmHWM); polling it for every process
# in the run's tree catches the peak of processes that live longer than one poll interval.

def _proc_children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def _descendants(root: int) -> list[int]:
    children = _proc_children_map()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _hwm_and_kind(pid: int) -> tuple[float, str] | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            status = f.read()
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0, process_kind(cmdline)
    return None


def process_kind(cmdline: str) -> str:
    if "AnsiballZ_" in cmdline:
        return "module"
    if "ansible-playbook" in cmdline:
        return "controller"
    if "bench/" in cmdline and cmdline.strip().endswith(".py") or "raw_upload.py" in cmdline:
        return "script"
    if "/bin/aws " in cmdline:   # the AWS CLI (peer venv)
        return "script"
    return "other"


def wait_with_usage(proc: subprocess.Popen, watch_memory: bool, interval: float = 0.05):
    """Reap `proc` with wait4 to get the CPU time of its whole tree (ansible-playbook waits for
    its workers and they for the modules); meanwhile poll peak RSS when asked."""
    peaks: dict[str, float] = {}
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG if watch_memory else 0)
        if pid:
            break
        for child in _descendants(proc.pid):
            got = _hwm_and_kind(child)
            if got:
                mb, kind = got
                peaks[kind] = max(peaks.get(kind, 0.0), mb)
        time.sleep(interval)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage, peaks


def median(values):
    values = sorted(values)
    n = len(values)
    if not n:
        return float("nan")
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def hmac_client(stack: Stack):
    """An ibm_boto3 client with the stack's HMAC keys, for setting up and checking scenarios."""
    import ibm_boto3

    return ibm_boto3.client(
        "s3",
        aws_access_key_id=stack.env["IBM_COS_HMAC_ACCESS_KEY_ID"],
        aws_secret_access_key=stack.env["IBM_COS_HMAC_SECRET_ACCESS_KEY"],
        endpoint_url=stack.env["IBM_COS_ENDPOINT"],
        verify=stack.env["IBM_COS_CA_BUNDLE"],
    )
