# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""object_lock_default_retention: the default retention of new objects in an Object Lock bucket;
{} removes the default rule."""
from __future__ import annotations

from ._base import Setting, SettingError
from .object_lock import read_lock_configuration

ORDER = 60
OPTIONS = {"object_lock_default_retention": {"type": "dict", "options": {
    "mode": {"type": "str", "choices": ["COMPLIANCE", "GOVERNANCE"], "default": "COMPLIANCE"},
    "days": {"type": "int"},
    "years": {"type": "int"},
}}}


def normalize_default_retention(value):
    # COS fills the unused unit with 0.
    value = {k: v for k, v in (value or {}).items() if v is not None and not (k in ("days", "years") and v == 0)}
    if value.get("days") is None and value.get("years") is None:
        return {}
    if value.get("days") is not None and value.get("years") is not None:
        raise SettingError("object_lock_default_retention: set days or years, not both")
    unit = "days" if value.get("days") is not None else "years"
    if int(value[unit]) <= 0:
        raise SettingError(f"object_lock_default_retention: {unit} must be positive")
    return {"mode": str(value.get("mode") or "COMPLIANCE").upper(), unit: int(value[unit])}


class ObjectLockRetentionSetting(Setting):
    name = "object_lock_default_retention"
    # None: the bucket has no Object Lock, so it can have no default retention either.
    absent = None

    def normalize(self, value):
        return normalize_default_retention(value)

    def fresh(self, params):
        return {} if params.get("object_lock") else None

    def equal(self, current, desired):
        return (current or {}) == desired

    def check_transition(self, current, desired):
        if current is None and desired:
            raise SettingError("object_lock_default_retention needs a bucket created with object_lock: true; "
                               "COS cannot enable Object Lock on an existing bucket")

    def read(self, ctx):
        config = read_lock_configuration(ctx)
        if config is None:
            return None
        retention = (config.get("Rule") or {}).get("DefaultRetention") or {}
        return normalize_default_retention({"mode": retention.get("Mode"), "days": retention.get("Days"),
                                            "years": retention.get("Years")})

    def write(self, ctx, desired, current):
        config = {"ObjectLockEnabled": "Enabled"}
        if desired:
            unit = "days" if "days" in desired else "years"
            config["Rule"] = {"DefaultRetention": {"Mode": desired["mode"], unit.capitalize(): desired[unit]}}
        ctx.s3.put_object_lock_configuration(Bucket=ctx.bucket, ObjectLockConfiguration=config)


SETTING = ObjectLockRetentionSetting
