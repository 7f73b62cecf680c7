"""The Resource Configuration API's firewall, applied to S3 calls."""

import ipaddress

LEGACY_FIELDS = ("allowed_ip", "denied_ip", "allowed_network_type")


def _in_any(address, cidrs):
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def firewall_denies(firewall, client_address, network_type):
    """Return why the call is refused, or None. Empty lists mean no restriction."""
    if not firewall:
        return None
    # ledger: FW-01
    if firewall.get("denied_ip") and _in_any(client_address, firewall["denied_ip"]):
        return f"Client address {client_address} is in the bucket's denied_ip."
    if firewall.get("allowed_ip") and not _in_any(client_address, firewall["allowed_ip"]):
        return f"Client address {client_address} is not in the bucket's allowed_ip."
    # ledger: FW-02
    allowed_types = firewall.get("allowed_network_type")
    if allowed_types and network_type not in allowed_types:
        return f"Network type {network_type} is not in the bucket's allowed_network_type."
    return None


def has_legacy_firewall(resource_config):
    """Whether a bucket's Resource Configuration holds a legacy firewall (any list non-empty)."""
    firewall = (resource_config or {}).get("firewall") or {}
    return any(firewall.get(field) for field in LEGACY_FIELDS)
