# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the settings that live in the Resource Configuration API body share (firewall,
activity_tracking, metrics_monitoring, hard_quota). The driver reads the body once for all of them
and sends one merged PATCH (If-Match on the ETag it read), so these settings only translate values.
"""
from __future__ import annotations

from ._base import Setting


class ConfigSetting(Setting):
    """A section of the Resource Configuration API body.

    The GET body is sparse: a section that was never set is left out (every section of the
    config SDK's `Bucket` model is optional), so `from_config` gets None for it and must answer the
    setting's default, never a difference.
    """

    api = "config"

    def read(self, ctx):
        return self.from_config(ctx.config or {})

    def to_patch(self, desired, current=None):
        raise NotImplementedError

    def write(self, ctx, desired, current):  # pragma: no cover - the driver sends one PATCH for all
        ctx.config_api.patch_bucket(ctx.bucket, self.to_patch(desired, current), etag=ctx.config_etag)


class FlagsSetting(ConfigSetting):
    """A Config API object of booleans; omitted flags mean false, so {} turns everything off.

    `legacy_crn` names the section's legacy CRN field (None when unset), and `crn_turns_on` the
    flags that the CRN makes always on, so they compare as on whatever the body says.
    """

    flags = ()
    legacy_crn = ""
    crn_turns_on = ()

    @property
    def absent(self):
        return self.normalize(None)

    def normalize(self, value):
        value = value or {}
        normal = {flag: bool(value.get(flag)) for flag in self.flags}
        if self.legacy_crn:
            normal[self.legacy_crn] = value.get(self.legacy_crn) or None
            if normal[self.legacy_crn]:
                normal.update({flag: True for flag in self.crn_turns_on})
        return normal

    def from_config(self, body):
        return self.normalize(body.get(self.name))

    def to_patch(self, desired, current=None):
        section = dict(desired)
        if self.legacy_crn and not section.get(self.legacy_crn) and not (current or {}).get(self.legacy_crn):
            del section[self.legacy_crn]  # never set, so not sent: the recommended setup has none
        return {self.name: section}


def flags_option(name, flags, legacy_crn=""):
    """A dict option of booleans that default to false (and the section's legacy CRN, a string)."""
    options = {flag: {"type": "bool", "default": False} for flag in flags}
    if legacy_crn:
        options[legacy_crn] = {"type": "str"}
    return {name: {"type": "dict", "options": options}}
