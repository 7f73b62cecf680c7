# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""firewall: the IP addresses and network types allowed to reach the bucket (Resource Configuration API)."""
from __future__ import annotations

import ipaddress

from ._base import SettingError
from ._config import ConfigSetting

ORDER = 140
NETWORK_TYPES = ("public", "private", "direct")
OPTIONS = {"firewall": {"type": "dict", "options": {
    "allowed_ip": {"type": "list", "elements": "str", "default": []},
    "denied_ip": {"type": "list", "elements": "str", "default": []},
    "allowed_network_type": {"type": "list", "elements": "str", "default": [], "choices": list(NETWORK_TYPES)},
}}}

MAX_CIDRS = 1000


def normalize_cidr(value, option="firewall"):
    """`10.0.0.1` and `10.0.0.1/32` are one network; host bits are cleared, IPv6 compressed."""
    try:
        network = ipaddress.ip_network(str(value).strip(), strict=False)
    except ValueError:
        raise SettingError(f"{option}: {value!r} is not an IPv4 or IPv6 address or CIDR block") from None
    return network.with_prefixlen


def _sorted_networks(values, option):
    networks = {normalize_cidr(v, option) for v in values or []}
    if len(networks) > MAX_CIDRS:
        raise SettingError(f"{option}: {len(networks)} entries; COS allows at most {MAX_CIDRS}")
    return sorted(networks, key=lambda n: (ipaddress.ip_network(n).version, ipaddress.ip_network(n)))


class FirewallSetting(ConfigSetting):
    name = "firewall"
    absent = {"allowed_ip": [], "denied_ip": [], "allowed_network_type": []}

    def normalize(self, value):
        value = value or {}
        types = sorted({str(t).lower() for t in value.get("allowed_network_type") or []})
        unknown = [t for t in types if t not in NETWORK_TYPES]
        if unknown:
            raise SettingError("firewall: allowed_network_type %s unknown; allowed: %s"
                               % (", ".join(unknown), ", ".join(NETWORK_TYPES)))
        return {"allowed_ip": _sorted_networks(value.get("allowed_ip"), "firewall.allowed_ip"),
                "denied_ip": _sorted_networks(value.get("denied_ip"), "firewall.denied_ip"),
                "allowed_network_type": types}

    def from_config(self, body):
        return self.normalize(body.get("firewall"))

    def to_patch(self, desired, current=None):
        return {"firewall": dict(desired)}


SETTING = FirewallSetting
