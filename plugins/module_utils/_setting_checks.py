# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of single connection values, each failing with a message that names the option."""
from __future__ import annotations

import os
import re

REGION_SHAPE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----"


class SettingsError(Exception):
    """Connection options that cannot work; raised before any call is made."""


class MissingSetting(SettingsError):
    """Something is not set (or a file not readable) here; another host's environment may have it."""


def to_bool(value, option):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{option} must be a boolean (true/false), got {value!r}")


def check_url(url, option):
    """An http(s) URL with a host, or a SettingsError naming the option (before any call)."""
    from urllib.parse import urlsplit

    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or not urlsplit(url).hostname:
        raise SettingsError(f"{option} must be an http(s) URL with a host name, got {url!r}")


def check_addressing_style(style, endpoint, styles):
    """A known style; `virtual` puts the bucket in front of the endpoint's host, which an IP address
    cannot take (ibm_botocore would quietly send path style instead)."""
    import ipaddress
    from urllib.parse import urlsplit

    if style not in styles:
        raise SettingsError(f"addressing_style must be one of {', '.join(styles)}, got {style!r}")
    host = urlsplit(endpoint).hostname if style == "virtual" and isinstance(endpoint, str) else None
    try:
        ipaddress.ip_address(host or "")
    except ValueError:
        return
    raise SettingsError(f"addressing_style virtual needs an endpoint with a host name to put the bucket name in "
                        f"front of; endpoint {endpoint!r} is an IP address: use addressing_style path")


def require_https(url, option, allow_insecure_http=False):
    """Refuse a cleartext URL that would carry a credential, unless the user opted in by name."""
    if url.startswith("http://") and not allow_insecure_http:
        raise SettingsError(f"{option} {url!r} is cleartext http: the API key, bearer token or signed requests "
                            "sent there can be read on the network. Use https, or set allow_insecure_http: true "
                            "(IBM_COS_ALLOW_INSECURE_HTTP=true) for a trusted test endpoint")


def check_ca_bundle(path, opener):
    """A CA bundle that cannot work fails here, naming the option, instead of as a TLS error later."""
    if os.path.isdir(path):
        raise SettingsError(f"ca_bundle {path!r} is a directory; give the path of a PEM file of CA certificates")
    try:
        with opener(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise SettingsError(f"ca_bundle {path!r} cannot be read: {exc.strerror}") from None
    if PEM_CERTIFICATE not in text:
        raise SettingsError(f"ca_bundle {path!r} holds no PEM certificate (no '{PEM_CERTIFICATE}' line)")


def check_region(region):
    """Shape only (the endpoints document knows which locations exist): lowercase, digits, dashes."""
    if region and not REGION_SHAPE.match(str(region)):
        raise SettingsError(f"region {region!r} is not a COS location name: lowercase letters, digits and "
                            "dashes, such as us-south, eu-de, us or ams03")


def check_instance_id(value):
    """A service instance CRN must be a COS instance CRN; anything else is taken as the GUID."""
    if not value or not str(value).startswith("crn:"):
        return
    parts = str(value).split(":")
    if len(parts) != 10 or parts[4] != "cloud-object-storage" or not parts[6].startswith("a/") or not parts[7]:
        raise SettingsError(f"service_instance_id {value!r} is not a COS service instance CRN; expected "
                            "crn:v1:bluemix:public:cloud-object-storage:global:a/<account>:<instance guid>:: "
                            "or the instance GUID alone")


def normalize_iam_endpoint(url: str) -> str:
    """Accept IAM's base URL (as IBMCLOUD_IAM_API_ENDPOINT holds it) or the full token URL."""
    check_url(url, "iam_endpoint")
    stripped = url.rstrip("/")
    if stripped.count("/") <= 2:
        return stripped + "/identity/token"
    return stripped
