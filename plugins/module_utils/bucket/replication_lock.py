# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Replication and Object Lock (cloud-object-storage docs, replication.md "Interactions", "Object
Lock"): COS accepts replication whatever the Object Lock of either bucket, but when the source has
Object Lock and the destination does not, every object written with Object Lock fails to replicate
(COS retries until the destination gets Object Lock), and IBM recommends enabling Object Lock on
the destination. That earns a warning, not a refusal. The buckets' Object Lock is read only when
replication rules are about to be written, so a rerun makes no extra call.
"""
from __future__ import annotations

from .names import bucket_of
from .settings._base import BucketContext
from .settings.object_lock import read_lock_configuration


def source_locked(ctx, plan, desired, created):
    """Whether the source bucket has (or will have, after this task) Object Lock."""
    if desired.get("object_lock") is not None:
        return bool(desired["object_lock"])
    if created:
        return bool(plan.params.get("object_lock"))
    return read_lock_configuration(ctx) is not None


def _destination_locked(ctx, name):
    """True or False, or None when the destination cannot be read from here (another location, no access)."""
    try:
        return read_lock_configuration(BucketContext(ctx.conn, name)) is not None
    except Exception:  # pylint: disable=broad-except
        return None


def object_lock_warnings(ctx, rules, locked_source):
    if not locked_source:
        return []
    by_destination = {}
    for rule in rules:
        if rule.get("enabled"):
            name = bucket_of(rule["destination_bucket"])
            by_destination.setdefault(name, []).append(rule["id"])
    warnings = []
    for name, rule_ids in sorted(by_destination.items()):
        if _destination_locked(ctx, name) is False:
            warnings.append(
                f"replication_rules {rule_ids}: bucket {ctx.bucket!r} has Object Lock and destination bucket "
                f"{name!r} does not. COS accepts this, but objects written with Object Lock (retention or "
                "legal hold) fail to replicate, and Object Lock changes are not replicated, until the "
                "destination has Object Lock; IBM recommends enabling it there (replication.md, Object Lock).")
    return warnings
