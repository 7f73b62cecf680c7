# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Settings that live in the Resource Configuration API body: firewall, activity tracking,
metrics monitoring, hard quota. The driver reads the body once for all of them and sends one
merged PATCH (If-Match on the ETag it read), so these facets only translate values.
"""
from __future__ import annotations

import ipaddress
import math

from ._base import Facet, FacetError
from ._options import ACTIVITY_TRACKING_FLAGS, METRICS_MONITORING_FLAGS, NETWORK_TYPES

MAX_CIDRS = 1000


class ConfigFacet(Facet):
    api = "config"

    def read(self, ctx):
        return self.from_config(ctx.config or {})

    def write(self, ctx, desired, current):  # pragma: no cover - the driver sends one PATCH for all
        ctx.config_api.patch_bucket(ctx.bucket, self.to_patch(desired), etag=ctx.config_etag)


def normalise_cidr(value, option="firewall"):
    """`10.0.0.1` and `10.0.0.1/32` are one network; host bits are cleared, IPv6 compressed."""
    try:
        network = ipaddress.ip_network(str(value).strip(), strict=False)
    except ValueError:
        raise FacetError(f"{option}: {value!r} is not an IPv4 or IPv6 address or CIDR block") from None
    return network.with_prefixlen


def _sorted_networks(values, option):
    networks = {normalise_cidr(v, option) for v in values or []}
    if len(networks) > MAX_CIDRS:
        raise FacetError(f"{option}: {len(networks)} entries; COS allows at most {MAX_CIDRS}")
    return sorted(networks, key=lambda n: (ipaddress.ip_network(n).version, ipaddress.ip_network(n)))


class FirewallFacet(ConfigFacet):
    name = "firewall"
    absent = {"allowed_ip": [], "denied_ip": [], "allowed_network_type": []}

    def normalise(self, value):
        value = value or {}
        types = sorted({str(t).lower() for t in value.get("allowed_network_type") or []})
        unknown = [t for t in types if t not in NETWORK_TYPES]
        if unknown:
            raise FacetError("firewall: allowed_network_type %s unknown; allowed: %s"
                             % (", ".join(unknown), ", ".join(NETWORK_TYPES)))
        return {"allowed_ip": _sorted_networks(value.get("allowed_ip"), "firewall.allowed_ip"),
                "denied_ip": _sorted_networks(value.get("denied_ip"), "firewall.denied_ip"),
                "allowed_network_type": types}

    def from_config(self, body):
        return self.normalise(body.get("firewall"))

    def to_patch(self, desired):
        return {"firewall": dict(desired)}


class _FlagsFacet(ConfigFacet):
    """A Config API object of booleans; omitted flags mean false, so {} turns everything off."""

    flags = ()

    @property
    def absent(self):
        return {flag: False for flag in self.flags}

    def normalise(self, value):
        return {flag: bool((value or {}).get(flag)) for flag in self.flags}

    def from_config(self, body):
        return self.normalise(body.get(self.name))

    def to_patch(self, desired):
        return {self.name: dict(desired)}


class ActivityTrackingFacet(_FlagsFacet):
    name = "activity_tracking"
    flags = ACTIVITY_TRACKING_FLAGS


class MetricsMonitoringFacet(_FlagsFacet):
    name = "metrics_monitoring"
    flags = METRICS_MONITORING_FLAGS


_UNITS = {"": 1, "B": 1, "KB": 10 ** 3, "MB": 10 ** 6, "GB": 10 ** 9, "TB": 10 ** 12, "PB": 10 ** 15,
          "KIB": 2 ** 10, "MIB": 2 ** 20, "GIB": 2 ** 30, "TIB": 2 ** 40, "PIB": 2 ** 50}


def quota_bytes(value):
    """An int or a size like `500GB` / `2 TiB` as bytes; '' and 0 mean no quota."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise FacetError("hard_quota: expected a size in bytes (or like 500GB, 2TiB), not a boolean")
    if isinstance(value, (int, float)):
        number, unit = value, ""
    else:
        text = str(value).strip().replace(" ", "")
        digits = text.rstrip("KMGTPIBkmgtpib")
        number, unit = digits, text[len(digits):].upper()
    try:
        result = float(number) * _UNITS[unit]
    except (KeyError, ValueError):
        raise FacetError(f"hard_quota: {value!r} is not a size; use bytes or a number with "
                         "KB, MB, GB, TB, KiB, MiB, GiB or TiB") from None
    if not math.isfinite(result) or result < 0 or not result.is_integer():
        raise FacetError(f"hard_quota: {value!r} must be a whole, non-negative number of bytes")
    return int(result)


class HardQuotaFacet(ConfigFacet):
    name = "hard_quota"
    absent = 0

    def normalise(self, value):
        return quota_bytes(value)

    def from_config(self, body):
        return int(body.get("hard_quota") or 0)

    def to_patch(self, desired):
        return {"hard_quota": desired}
