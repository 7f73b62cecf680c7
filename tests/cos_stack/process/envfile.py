"""Read the stack's env file (`export NAME=value` lines) into a dict. Standard library only."""

import os
import shlex
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]


def default_path():
    directory = os.environ.get("COS_STACK_DIR")
    return Path(directory) / "env" if directory else REPO_ROOT / ".cos-stack" / "env"


def load(path=None):
    """Return {name: value} from the env file; FileNotFoundError when no stack has written one."""
    values = {}
    text = Path(path or default_path()).read_text(encoding="utf-8")
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            name, _, value = words[1].partition("=")
            values[name] = value
    return values
