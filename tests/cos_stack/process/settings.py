"""Where the stack lives, which ports it listens on, and the credentials it accepts."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # tests/cos_stack
REPO_ROOT = PACKAGE_DIR.parents[1]
DEFAULT_PORT_BASE = 18440

# Endpoint types share a port and are told apart by the loopback address they arrive on.
NETWORK_ADDRESSES = {"public": "127.0.0.1", "private": "127.0.0.2", "direct": "127.0.0.3"}
ADDRESS_NETWORKS = {address: network for network, address in NETWORK_ADDRESSES.items()}


def stack_dir():
    return Path(os.environ.get("COS_STACK_DIR") or REPO_ROOT / ".cos-stack")


def port_base():
    return int(os.environ.get("COS_STACK_PORT_BASE") or DEFAULT_PORT_BASE)


def load_config():
    """The package's default config, with the top-level keys of $COS_STACK_CONFIG laid over it."""
    with open(PACKAGE_DIR / "default_config.json", encoding="utf-8") as handle:
        config = json.load(handle)
    override = os.environ.get("COS_STACK_CONFIG")
    if override:
        with open(override, encoding="utf-8") as handle:
            config.update(json.load(handle))
    return config


@dataclass(frozen=True)
class Location:
    name: str
    kind: str  # regional | cross-region | single-site
    label: str  # the key under public/private/direct in the endpoints document
    port: int


def locations(config, base=None):
    base = port_base() if base is None else base
    return [
        Location(entry["name"], entry["kind"], entry.get("label", entry["name"]), base + 1 + index)
        for index, entry in enumerate(config["locations"])
    ]


def instance_crn(config, guid):
    return f"crn:v1:bluemix:public:cloud-object-storage:global:a/{config['account_id']}:{guid}::"
