# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the settings that live in the Resource Configuration API body share (firewall,
activity_tracking, metrics_monitoring, hard_quota). The driver reads the body once for all of them
and sends one merged PATCH (If-Match on the ETag it read), so these settings only translate values.
"""
from __future__ import annotations

from ._base import Setting


class ConfigSetting(Setting):
    api = "config"

    def read(self, ctx):
        return self.from_config(ctx.config or {})

    def write(self, ctx, desired, current):  # pragma: no cover - the driver sends one PATCH for all
        ctx.config_api.patch_bucket(ctx.bucket, self.to_patch(desired), etag=ctx.config_etag)


class FlagsSetting(ConfigSetting):
    """A Config API object of booleans; omitted flags mean false, so {} turns everything off."""

    flags = ()

    @property
    def absent(self):
        return {flag: False for flag in self.flags}

    def normalize(self, value):
        return {flag: bool((value or {}).get(flag)) for flag in self.flags}

    def from_config(self, body):
        return self.normalize(body.get(self.name))

    def to_patch(self, desired):
        return {self.name: dict(desired)}


def flags_option(name, flags):
    """A dict option of booleans that default to false."""
    return {name: {"type": "dict", "options": {flag: {"type": "bool", "default": False} for flag in flags}}}
