# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Look up S3 and Resource Configuration URLs in COS's endpoints document.

The document's shape: service-endpoints -> cross-region|regional|single-site -> <location> ->
public|private|direct -> <label> -> bare hostname. Lookups are pure; `fetch_document` is the one
network call, and callers cache what it returns.
"""
from __future__ import annotations

import json

from ansible_collections.ibm.cos.plugins.module_utils._settings import SettingsError

TIERS = ("regional", "cross-region", "single-site")
DEFAULT_CONFIG_ENDPOINTS = {
    "public": "https://config.cloud-object-storage.cloud.ibm.com/v1",
    "private": "https://config.private.cloud-object-storage.cloud.ibm.com/v1",
    "direct": "https://config.direct.cloud-object-storage.cloud.ibm.com/v1",
}


class EndpointError(SettingsError):
    """The endpoints document cannot answer for the requested location."""


def with_scheme(host: str) -> str:
    return host if host.startswith(("https://", "http://")) else "https://" + host


def locations(document: dict) -> dict:
    """{location: tier} for every location the document lists."""
    found = {}
    for tier in TIERS:
        for location in (document.get("service-endpoints", {}).get(tier) or {}):
            found.setdefault(location, tier)
    return found


def find_location(document: dict, region: str):
    """Return (tier, {endpoint_type: {label: host}}) for a location, or raise with suggestions."""
    known = locations(document)
    if region not in known:
        import difflib  # only to suggest a region when the given one is unknown

        hint = difflib.get_close_matches(region, known, n=1)
        suggestion = f" Did you mean {hint[0]!r}?" if hint else ""
        raise EndpointError(f"region {region!r} is not a COS location.{suggestion} "
                            f"Valid regions: {', '.join(sorted(known))}")
    tier = known[region]
    return tier, document["service-endpoints"][tier][region]


def s3_endpoint(document: dict, region: str, endpoint_type: str = "public") -> str:
    """The S3 URL for a location and endpoint type (public, private or direct)."""
    tier, by_type = find_location(document, region)
    labels = by_type.get(endpoint_type) or {}
    if not labels:
        offered = ", ".join(sorted(t for t in by_type if by_type[t])) or "none"
        raise EndpointError(f"region {region!r} has no {endpoint_type} endpoint; endpoint_type "
                            f"can be: {offered}")
    # Cross-region entries carry several labels ("us-geo", "Dallas", ...); the geo one is the region's.
    for label in (region, f"{region}-geo"):
        if label in labels:
            return with_scheme(labels[label])
    return with_scheme(labels[sorted(labels)[0]])


def config_endpoint(document: dict | None, endpoint_type: str = "public") -> str:
    """The Resource Configuration API base URL, from the document or IBM's well-known hosts."""
    if document:
        entry = (document.get("resource-configuration-endpoints") or {}).get("global") or {}
        if entry.get(endpoint_type):
            return with_scheme(entry[endpoint_type]).rstrip("/")
    return DEFAULT_CONFIG_ENDPOINTS[endpoint_type]


def fetch_document(url: str, verify, timeout: int = 30) -> dict:
    """GET the endpoints document. `verify` is False, True or a CA bundle path."""
    from ansible.module_utils.urls import open_url  # imported here: pure lookups do not need it

    kwargs = {"validate_certs": bool(verify), "timeout": timeout, "headers": {"Accept": "application/json"}}
    if isinstance(verify, str):
        kwargs["ca_path"] = verify
    try:
        with open_url(url, **kwargs) as response:
            return json.loads(response.read())
    except ValueError:
        raise EndpointError(f"endpoints_url {url} did not return a JSON endpoints document") from None
    except Exception as exc:  # pylint: disable=broad-except
        raise EndpointError(f"cannot read the endpoints document at {url}: {describe_url_error(exc)}") from None


def describe_url_error(exc) -> str:
    """A short reason for a urllib/ssl failure without a traceback."""
    reason = getattr(exc, "reason", None) or exc
    text = str(reason)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return ("TLS certificate not trusted; set ca_bundle (IBM_COS_CA_BUNDLE) to the issuing CA, "
                "or validate_certs: false")
    code = getattr(exc, "code", None)
    return f"HTTP {code}" if code else text
