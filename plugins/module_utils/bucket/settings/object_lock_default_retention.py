# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""object_lock_default_retention: the default retention of new objects in an Object Lock bucket.

object-lock.md ("Getting started"; "Enable object lock on a bucket"): `Days` or `Years`, not both,
at most 100 years (36500 days); mode COMPLIANCE or GOVERNANCE; and the configuration "must include
one rule", so a default retention can be changed but not removed.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils._lock_mode import normalize_lock_mode

from ._base import Setting, SettingError

ORDER = 60
OPTIONS = {"object_lock_default_retention": {"type": "dict", "options": {
    "mode": {"type": "str"},
    "days": {"type": "int"},
    "years": {"type": "int"},
}}}

OPTION = "object_lock_default_retention"
LIMITS = {"days": 36500, "years": 100}


def normalize_default_retention(value, unused_is_zero=False):
    """{mode, days|years} in normal form, or {} for no default retention.

    `unused_is_zero`: COS fills the unit it does not use with 0 when it answers, so 0 means unset
    there; in a task, 0 is refused.
    """
    value = {k: v for k, v in (value or {}).items() if v is not None}
    if unused_is_zero:
        value = {k: v for k, v in value.items() if not (k in LIMITS and v == 0)}
    units = [unit for unit in LIMITS if unit in value]
    if not units:
        if "mode" in value:
            raise SettingError(f"{OPTION}: mode {value['mode']!r} needs days or years; COS keeps no default "
                               "retention without a period")
        return {}
    if len(units) == 2:
        raise SettingError(f"{OPTION}: set days or years, not both")
    unit = units[0]
    amount = int(value[unit])
    if not 1 <= amount <= LIMITS[unit]:
        raise SettingError(f"{OPTION}: {unit} must be 1 to {LIMITS[unit]} (COS allows at most 100 years, "
                           f"36500 days); got {amount}")
    try:
        mode = normalize_lock_mode(value.get("mode") or "COMPLIANCE", f"{OPTION}.mode")
    except CosError as exc:
        raise SettingError(str(exc)) from None
    return {"mode": mode, unit: amount}


def lock_configuration(desired):
    """The ObjectLockConfiguration for default retention `desired` (never without its rule)."""
    unit = "days" if "days" in desired else "years"
    return {"ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": desired["mode"], unit.capitalize(): desired[unit]}}}


class ObjectLockRetentionSetting(Setting):
    name = "object_lock_default_retention"
    # None: the bucket has no Object Lock, so it can have no default retention either.
    absent = None
    enables_lock = False

    def desired(self, params):
        # With object_lock: true on a bucket without it, object_lock writes this rule with the lock.
        self.enables_lock = bool(params.get("object_lock"))
        return self.normalize(params[self.name])

    def normalize(self, value):
        return normalize_default_retention(value)

    def fresh(self, params):
        return {} if params.get("object_lock") else None

    def equal(self, current, desired):
        return (current or {}) == desired

    def check_transition(self, current, desired):
        if current is None and desired and not self.enables_lock:
            raise SettingError(f"{OPTION} needs Object Lock on the bucket: set object_lock: true in the same "
                               "task (the bucket must be versioned) or create the bucket with it")
        if current and not desired:
            raise SettingError(f"{OPTION}: COS cannot remove a default retention (an Object Lock configuration "
                               f"must include one rule); current {current}. Keep it, or set a shorter one "
                               "(for example days: 1).")

    def read(self, ctx):
        from .object_lock import read_lock_configuration

        config = read_lock_configuration(ctx)
        if config is None:
            return None
        retention = (config.get("Rule") or {}).get("DefaultRetention") or {}
        return normalize_default_retention({"mode": retention.get("Mode"), "days": retention.get("Days"),
                                            "years": retention.get("Years")}, unused_is_zero=True)

    def write(self, ctx, desired, current):
        if current is None:
            return  # Object Lock is being enabled in this run: object_lock writes this rule with it
        ctx.s3.put_object_lock_configuration(Bucket=ctx.bucket, ObjectLockConfiguration=lock_configuration(desired))


SETTING = ObjectLockRetentionSetting
