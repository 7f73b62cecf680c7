"""Start and stop a stack of the suite's own in a temporary directory, on free ports."""

import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from cos_stack.envfile import load

TESTS_DIR = Path(__file__).resolve().parents[1]
PORTS_PER_STACK = 5  # control + four locations (the default config)


def _ports_free(ports):
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def free_port_base(start=21000, stop=27000, step=10, below=0):
    """A base whose stack ports (base .. base+4) are free, and the `below` ports under it too (for
    a server started beside the stack)."""
    # Start somewhere different per process so parallel suites rarely probe the same ports.
    for base in range(start + (os.getpid() % 500) * step, stop, step):
        if _ports_free(range(base - below, base + PORTS_PER_STACK)):
            return base
    raise RuntimeError("no free ports for a private cos stack")


class PrivateStack:
    """`config`: a stack config file (COS_STACK_CONFIG) instead of the default one."""

    def __init__(self, directory, port_base=None, config=None):
        self.directory = Path(directory)
        self.port_base = port_base or free_port_base()
        self.environ = dict(os.environ, COS_STACK_DIR=str(self.directory),
                            COS_STACK_PORT_BASE=str(self.port_base),
                            PYTHONPATH=os.pathsep.join(filter(None, [str(TESTS_DIR), os.environ.get("PYTHONPATH")])))
        if config:
            self.environ["COS_STACK_CONFIG"] = str(config)

    def run(self, command):
        return subprocess.run([sys.executable, "-m", "cos_stack", command], env=self.environ,
                              capture_output=True, text=True, timeout=60)

    def up(self):
        result = self.run("up")
        if result.returncode != 0:
            raise RuntimeError(f"private cos stack failed to start: {result.stderr}{result.stdout}")
        return load(self.directory / "env")

    def down(self):
        return self.run("down")

    @contextmanager
    def running(self):
        """The stack up for the `with` block, its env dict as the target; down afterwards."""
        env = self.up()
        try:
            yield env
        finally:
            self.down()
