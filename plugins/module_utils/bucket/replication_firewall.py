# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Replication and legacy bucket firewalls exclude each other (cloud-object-storage docs,
replication.md "Getting started with replication": "The target bucket must not have a legacy bucket
firewall enabled, but can use context-based restrictions"; "Legacy bucket firewalls": the services
that replicate objects have no fixed IP addresses and cannot pass the firewall).

The docs do not say whether COS refuses the configuration or accepts it and then fails every object,
so the module does not rely on either: a task naming both is refused before any call, the
destinations' firewalls are read only when replication rules are about to be written (never on a
rerun), and a refusal COS gives anyway is explained.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel

from .names import bucket_of
from .settings._base import SettingError

LEGACY_FIELDS = ("allowed_ip", "denied_ip", "allowed_network_type")
ADVICE = ("COS replicates through background services without fixed IP addresses, which cannot pass a legacy "
          "bucket firewall (replication.md, Legacy bucket firewalls). Restrict access by network with "
          "context-based restrictions instead, which replication can pass.")


def has_legacy_firewall(firewall):
    return any((firewall or {}).get(field) for field in LEGACY_FIELDS)


def same_task_problem(desired):
    """Why a task's own values cannot work together, or None (checked before any call)."""
    if desired.get("replication_rules") and has_legacy_firewall(desired.get("firewall")):
        return ("replication_rules cannot be combined with a legacy firewall (firewall.allowed_ip, "
                "firewall.denied_ip, firewall.allowed_network_type) on the same bucket. " + ADVICE
                + " Set firewall: {} in this task, or leave replication_rules out.")
    return None


def _firewall_of(conn, name):
    """A bucket's firewall, or None when it cannot be read from here (another account, no access)."""
    try:
        return (conn.config_api.get_bucket(name)[0] or {}).get("firewall") or {}
    except Exception:  # pylint: disable=broad-except
        return None


def refuse_firewalled_buckets(ctx, rules, firewall_named):
    """Before rules are written: refuse when the source (if its firewall was read anyway) or a
    destination has a legacy firewall. One Resource Configuration API GET per destination, in
    parallel; only under IAM auth (HMAC keys cannot use that API). A role below Manager reads no
    firewall, so COS's own answer stands then."""
    settings = ctx.conn.settings
    if settings is not None and not settings.uses_iam:
        return
    if not firewall_named and ctx.config is not None and has_legacy_firewall(ctx.config.get("firewall")):
        raise SettingError(f"replication_rules: bucket {ctx.bucket!r} has a legacy firewall "
                           f"{_shown(ctx.config['firewall'])}. {ADVICE} Add firewall: {{}} to this task to remove it.")
    names = sorted({bucket_of(r["destination_bucket"]) for r in rules} - {ctx.bucket})
    conn = ctx.conn
    found = run_parallel({name: (lambda name=name: _firewall_of(conn, name)) for name in names})
    blocked = {name: firewall for name, firewall in found.items() if has_legacy_firewall(firewall)}
    if blocked:
        listed = "; ".join(f"{name!r} {_shown(firewall)}" for name, firewall in sorted(blocked.items()))
        raise SettingError(f"replication_rules: the destination bucket(s) of bucket {ctx.bucket!r} have a legacy "
                           f"firewall: {listed}. {ADVICE} Remove the destination's firewall (ibm.cos.cos_bucket "
                           "with firewall: {}) before replicating to it.")


def _shown(firewall):
    return "(" + ", ".join(f"{field} {firewall.get(field)}" for field in LEGACY_FIELDS if firewall.get(field)) + ")"


def explain_put_refusal(exc, bucket):
    """PutBucketReplication refused for a firewall: say so clearly (whatever status and code COS used)."""
    error = (getattr(exc, "response", None) or {}).get("Error") or {}
    message = str(error.get("Message") or "")
    if "firewall" in message.lower():
        raise SettingError(f"replication_rules: COS refused replication for bucket {bucket!r} because the bucket "
                           f"or a destination bucket has a legacy firewall ({error.get('Code')}: {message}). "
                           f"{ADVICE} Remove the firewall (firewall: {{}}) from the bucket COS names.") from None


def explain_patch_refusal(exc, bucket):
    """A firewall PATCH refused because the bucket replicates or is replicated to: say so clearly."""
    if "replicat" in str(exc).lower():
        raise SettingError(f"firewall: COS refused a legacy firewall on bucket {bucket!r} because of replication "
                           f"(HTTP {exc.status}: {exc}). A bucket that replicates, or that another bucket "
                           f"replicates to, cannot have one. {ADVICE} To use the firewall anyway, remove the "
                           "replication first (replication_rules: [] on the source bucket).") from None
