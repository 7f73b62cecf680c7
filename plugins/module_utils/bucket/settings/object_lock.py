# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""object_lock: Object Lock, set when the bucket is created or enabled later; never disabled.

object-lock.md "Enabling Object Lock on an existing bucket": an existing bucket can get Object Lock
once versioning is on. Its configuration "must include one rule" (object-lock.md "Enable object
lock on a bucket"; api-reference-buckets.md "Configure Object Lock on an existing bucket"), so
enabling it on an existing bucket needs object_lock_default_retention in the same task; this setting
then writes the whole configuration. Object Lock cannot be turned off.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from ._base import FlagSetting, SettingError
from .object_lock_default_retention import lock_configuration, normalize_default_retention

ORDER = 30
OPTIONS = {"object_lock": {"type": "bool"}}

_NOT_LOCKED = {"ObjectLockConfigurationNotFoundError", "ObjectLockConfigurationNotFound"}


def lock_enabled(config):
    """object-lock.md spells the value `Enabled`, api-reference-buckets.md `ENABLED`."""
    return str((config or {}).get("ObjectLockEnabled") or "").lower() == "enabled"


def read_lock_configuration(ctx):
    """GetObjectLockConfiguration once per bucket, shared with object_lock_default_retention; None when
    Object Lock is not enabled."""
    def fetch():
        response = read_or_default(lambda: ctx.s3.get_object_lock_configuration(Bucket=ctx.bucket),
                                   _NOT_LOCKED, {})
        config = response.get("ObjectLockConfiguration") or {}
        return config if lock_enabled(config) else None
    return ctx.memo("object_lock_configuration", fetch)


class ObjectLockSetting(FlagSetting):
    name = "object_lock"
    default_retention = None

    def desired(self, params):
        # Kept for write(): enabling Object Lock on an existing bucket sends the rule with it.
        self.default_retention = normalize_default_retention(params.get("object_lock_default_retention"))
        return self.normalize(params[self.name])

    def fresh(self, params):
        return self.desired(params)

    def check_transition(self, current, desired):
        if current and not desired:
            raise SettingError("object_lock: Object Lock cannot be disabled once it is enabled on a bucket "
                               "(object-lock.md). Set object_lock: true or leave it out.")
        if desired and not current and not self.default_retention:
            raise SettingError("object_lock: enabling Object Lock on an existing bucket needs "
                               "object_lock_default_retention in the same task (days or years): COS requires "
                               "an Object Lock configuration to include one rule. Versioning must be on too.")

    def read(self, ctx):
        return read_lock_configuration(ctx) is not None

    def write(self, ctx, desired, current):
        ctx.s3.put_object_lock_configuration(Bucket=ctx.bucket,
                                             ObjectLockConfiguration=lock_configuration(self.default_retention))


SETTING = ObjectLockSetting
