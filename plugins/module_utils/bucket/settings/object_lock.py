# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""object_lock: Object Lock, enabled when the bucket is created (and then always versioned)."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from ._base import FlagSetting, ImmutableSetting

ORDER = 30
OPTIONS = {"object_lock": {"type": "bool"}}

_NOT_LOCKED = {"ObjectLockConfigurationNotFoundError", "ObjectLockConfigurationNotFound"}


def read_lock_configuration(ctx):
    """GetObjectLockConfiguration once per bucket, shared with object_lock_default_retention; None when
    Object Lock is not enabled."""
    def fetch():
        response = read_or_default(lambda: ctx.s3.get_object_lock_configuration(Bucket=ctx.bucket),
                                   _NOT_LOCKED, {})
        config = response.get("ObjectLockConfiguration") or {}
        return config if config.get("ObjectLockEnabled") == "Enabled" else None
    return ctx.memo("object_lock_configuration", fetch)


class ObjectLockSetting(ImmutableSetting, FlagSetting):
    name = "object_lock"

    def describe(self, value):
        return "enabled" if value else "disabled"

    def read(self, ctx):
        return read_lock_configuration(ctx) is not None


SETTING = ObjectLockSetting
