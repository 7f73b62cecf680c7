"""`up` and `down`: run `serve` in the background, idempotently, with a pid file."""

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from .settings import port_base, stack_dir

START_TIMEOUT = 20.0
STOP_TIMEOUT = 5.0


def _pid_file(directory):
    return directory / "stack.pid"


def _running_pid(directory):
    """The pid of this directory's stack if that process is alive and is a stack, else None."""
    try:
        pid = int(_pid_file(directory).read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return None
    return pid if b"cos_stack" in cmdline and b"serve" in cmdline else None


def _healthy(directory):
    try:
        response = requests.get(f"https://127.0.0.1:{port_base()}/_stack/health",
                                verify=str(directory / "ca.pem"), timeout=1)
        return response.ok
    except (requests.RequestException, OSError):
        return False


def _log_tail(directory, lines=5):
    try:
        return "\n".join((directory / "stack.log").read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _clear_files(directory):
    for name in ("stack.pid", "env", "env.tmp"):
        (directory / name).unlink(missing_ok=True)


def _exclusive(directory):
    """Serialise up/down on one stack directory (two `make test` runs may start together)."""
    directory.mkdir(parents=True, exist_ok=True)
    handle = open(directory / "lock", "w")
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def down(quiet=False):
    with _exclusive(stack_dir()):
        return _down(quiet)


def up():
    with _exclusive(stack_dir()):
        return _up()


def _down(quiet=False):
    directory = stack_dir()
    pid = _running_pid(directory)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline and _running_pid(directory) == pid:
            time.sleep(0.05)
        if _running_pid(directory) == pid:
            os.kill(pid, signal.SIGKILL)
        print(f"cos stack stopped (pid {pid})")
    elif not quiet:
        print("cos stack was not running")
    _clear_files(directory)
    return 0


def _up():
    directory = stack_dir()
    if _running_pid(directory) is not None and (directory / "env").exists() and _healthy(directory):
        print(f"cos stack already running; env at {directory / 'env'}")
        return 0
    _down(quiet=True)
    directory.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[2])  # tests/, which holds cos_stack
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
    with open(directory / "stack.log", "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "cos_stack", "serve"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env, start_new_session=True,
        )
    _pid_file(directory).write_text(f"{process.pid}\n")
    while time.monotonic() - started < START_TIMEOUT:
        if process.poll() is not None:
            print(f"cos stack exited with {process.returncode} during start; the end of "
                  f"{directory / 'stack.log'}:\n{_log_tail(directory)}", file=sys.stderr)
            _clear_files(directory)
            return 1
        if (directory / "env").exists() and _healthy(directory):
            print(f"cos stack up in {time.monotonic() - started:.1f} s on ports "
                  f"{port_base()}+; env at {directory / 'env'}")
            return 0
        time.sleep(0.1)
    print(f"cos stack did not answer within {START_TIMEOUT:.0f} s; see {directory / 'stack.log'}",
          file=sys.stderr)
    _down()
    return 1
