"""Kept for existing imports (`from cos_stack.settings import load_config`); lives in
process/settings.py."""

from .process.settings import (ADDRESS_NETWORKS, DEFAULT_PORT_BASE, NETWORK_ADDRESSES, Location,
                               instance_crn, load_config, locations, port_base, stack_dir)

__all__ = ["ADDRESS_NETWORKS", "DEFAULT_PORT_BASE", "NETWORK_ADDRESSES", "Location", "instance_crn",
           "load_config", "locations", "port_base", "stack_dir"]
