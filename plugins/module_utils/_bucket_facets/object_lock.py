# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""object_lock (creation only) and object_lock_default_retention ({} removes the default rule)."""
from __future__ import annotations

from ._base import Facet, FacetError, ImmutableFacet, read_or_default

_NOT_LOCKED = {"ObjectLockConfigurationNotFoundError", "ObjectLockConfigurationNotFound"}


def read_lock_configuration(ctx):
    """GetObjectLockConfiguration once per bucket, shared by both facets; None when not enabled."""
    def fetch():
        response = read_or_default(lambda: ctx.s3.get_object_lock_configuration(Bucket=ctx.bucket),
                                   _NOT_LOCKED, {})
        config = response.get("ObjectLockConfiguration") or {}
        return config if config.get("ObjectLockEnabled") == "Enabled" else None
    return ctx.memo("object_lock_configuration", fetch)


class ObjectLockFacet(ImmutableFacet):
    name = "object_lock"
    absent = False

    def normalise(self, value):
        return bool(value)

    def describe(self, value):
        return "enabled" if value else "disabled"

    def read(self, ctx):
        return read_lock_configuration(ctx) is not None


def normalise_default_retention(value):
    # COS fills the unused unit with 0.
    value = {k: v for k, v in (value or {}).items() if v is not None and not (k in ("days", "years") and v == 0)}
    if value.get("days") is None and value.get("years") is None:
        return {}
    if value.get("days") is not None and value.get("years") is not None:
        raise FacetError("object_lock_default_retention: set days or years, not both")
    unit = "days" if value.get("days") is not None else "years"
    if int(value[unit]) <= 0:
        raise FacetError(f"object_lock_default_retention: {unit} must be positive")
    return {"mode": str(value.get("mode") or "COMPLIANCE").upper(), unit: int(value[unit])}


class ObjectLockRetentionFacet(Facet):
    name = "object_lock_default_retention"
    # None: the bucket has no Object Lock, so it can have no default retention either.
    absent = None

    def normalise(self, value):
        return normalise_default_retention(value)

    def fresh(self, params):
        return {} if params.get("object_lock") else None

    def equal(self, current, desired):
        return (current or {}) == desired

    def check_transition(self, current, desired):
        if current is None and desired:
            raise FacetError("object_lock_default_retention needs a bucket created with object_lock: true; "
                             "COS cannot enable Object Lock on an existing bucket")

    def read(self, ctx):
        config = read_lock_configuration(ctx)
        if config is None:
            return None
        retention = (config.get("Rule") or {}).get("DefaultRetention") or {}
        return normalise_default_retention({"mode": retention.get("Mode"), "days": retention.get("Days"),
                                            "years": retention.get("Years")})

    def write(self, ctx, desired, current):
        config = {"ObjectLockEnabled": "Enabled"}
        if desired:
            unit = "days" if "days" in desired else "years"
            config["Rule"] = {"DefaultRetention": {"Mode": desired["mode"], unit.capitalize(): desired[unit]}}
        ctx.s3.put_object_lock_configuration(Bucket=ctx.bucket, ObjectLockConfiguration=config)
