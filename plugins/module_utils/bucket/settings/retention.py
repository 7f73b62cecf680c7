# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""retention: the bucket's Immutable Object Storage policy (COS "protection configuration").

COS lets a policy grow but never shrink: periods can only be extended, permanent retention cannot
be turned off and the policy cannot be removed. Those are checked here, before any write.

Periods run from 0 to 36135 days (immutable.md, "Immutable Object Storage", updated 2026-04-10; the
older api-reference-buckets.md still says 365243: the newer, smaller ceiling is enforced). A GET
that leaves out `EnablePermanentRetention` (immutable.md's own example does) says nothing about it,
so `permanent` then reads as None, "unknown", and is not compared.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from ._base import Setting, SettingError

ORDER = 50
OPTIONS = {"retention": {"type": "dict", "options": {
    "minimum_days": {"type": "int"},
    "default_days": {"type": "int"},
    "maximum_days": {"type": "int"},
    "permanent": {"type": "bool", "default": False},
}}}


MAX_DAYS = 36135
PERIODS = ("minimum_days", "default_days", "maximum_days")
_API = {"minimum_days": "MinimumRetention", "default_days": "DefaultRetention", "maximum_days": "MaximumRetention"}


def normalize_retention(value):
    value = value or {}
    given = [k for k in PERIODS if value.get(k) is not None]
    if not given:
        if value.get("permanent"):
            raise SettingError("retention: permanent needs minimum_days, default_days and maximum_days")
        return {}
    missing = [k for k in PERIODS if k not in given]
    if missing:
        raise SettingError("retention: set minimum_days, default_days and maximum_days together (missing: %s)"
                           % ", ".join(missing))
    normal = {k: int(value[k]) for k in PERIODS}
    for key in PERIODS:
        if not 0 <= normal[key] <= MAX_DAYS:
            raise SettingError(f"retention: {key} {normal[key]} is outside 0-{MAX_DAYS}")
    if not normal["minimum_days"] <= normal["default_days"] <= normal["maximum_days"]:
        raise SettingError("retention: COS needs minimum_days <= default_days <= maximum_days (got %(minimum_days)s, "
                           "%(default_days)s, %(maximum_days)s)" % normal)
    normal["permanent"] = bool(value.get("permanent"))
    return normal


def retention_from_api(config):
    """GetBucketProtectionConfiguration's answer in normal form; {} without a policy.

    immutable.md shows `Status` `Retention` (and `Disabled` without a policy); terraform's reader
    expects `COMPLIANCE`: both mean a policy, in any case.
    """
    if str(config.get("Status") or "").lower() not in ("retention", "compliance"):
        return {}
    permanent = config.get("EnablePermanentRetention")
    if isinstance(permanent, str):
        permanent = permanent.strip().lower() == "true"
    # Not validated: a policy set under an older, higher ceiling is still read as it is.
    normal = {key: int((config.get(_API[key]) or {}).get("Days") or 0) for key in PERIODS}
    normal["permanent"] = None if permanent is None else bool(permanent)
    return normal


def retention_shrinks(current, desired):
    """The reasons COS would refuse to go from `current` to `desired` (empty when it can)."""
    if not current:
        return []
    if not desired:
        return ["COS does not allow removing a retention policy from a bucket"]
    reasons = [f"{key} would go from {current[key]} down to {desired[key]}"
               for key in PERIODS if desired[key] < current[key]]
    if current.get("permanent") is True and not desired.get("permanent"):
        reasons.append("permanent retention cannot be turned off once enabled")
    return reasons


class RetentionSetting(Setting):
    name = "retention"
    absent = {}

    def normalize(self, value):
        return normalize_retention(value)

    def check_transition(self, current, desired):
        reasons = retention_shrinks(current, desired)
        if reasons:
            raise SettingError("retention: the bucket's policy can only be extended: %s. Current policy: %s. "
                               "Keep the current values or raise them." % ("; ".join(reasons), current))

    def equal(self, current, desired):
        if current and desired and current.get("permanent") is None:
            # COS did not say whether permanent retention is on: compare the periods only.
            return {k: current[k] for k in PERIODS} == {k: desired[k] for k in PERIODS}
        return current == desired

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_bucket_protection_configuration(Bucket=ctx.bucket),
                                   {"NoSuchProtectionConfiguration", "NoSuchBucketProtectionConfiguration"},
                                   {})
        return retention_from_api(response.get("ProtectionConfiguration") or {})

    def write(self, ctx, desired, current):
        config = {"Status": "Retention"}
        config.update({_API[key]: {"Days": desired[key]} for key in PERIODS})
        if desired["permanent"]:
            config["EnablePermanentRetention"] = True
        ctx.s3.put_bucket_protection_configuration(Bucket=ctx.bucket, ProtectionConfiguration=config)


SETTING = RetentionSetting
