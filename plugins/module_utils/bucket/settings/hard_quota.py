# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""hard_quota: the most bytes the bucket may hold; 0 (or "") removes the quota (Resource Configuration API)."""
from __future__ import annotations

import math

from ._base import SettingError
from ._config import ConfigSetting

ORDER = 170
OPTIONS = {"hard_quota": {"type": "raw"}}

_UNITS = {"": 1, "B": 1, "KB": 10 ** 3, "MB": 10 ** 6, "GB": 10 ** 9, "TB": 10 ** 12, "PB": 10 ** 15,
          "KIB": 2 ** 10, "MIB": 2 ** 20, "GIB": 2 ** 30, "TIB": 2 ** 40, "PIB": 2 ** 50}


def quota_bytes(value):
    """An int or a size like `500GB` / `2 TiB` as bytes; '' and 0 mean no quota."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise SettingError("hard_quota: expected a size in bytes (or like 500GB, 2TiB), not a boolean")
    if isinstance(value, (int, float)):
        number, unit = value, ""
    else:
        text = str(value).strip().replace(" ", "")
        digits = text.rstrip("KMGTPIBkmgtpib")
        number, unit = digits, text[len(digits):].upper()
    try:
        result = float(number) * _UNITS[unit]
    except (KeyError, ValueError):
        raise SettingError(f"hard_quota: {value!r} is not a size; use bytes or a number with "
                           "KB, MB, GB, TB, KiB, MiB, GiB or TiB") from None
    if not math.isfinite(result) or result < 0 or not result.is_integer():
        raise SettingError(f"hard_quota: {value!r} must be a whole, non-negative number of bytes")
    return int(result)


class HardQuotaSetting(ConfigSetting):
    name = "hard_quota"
    absent = 0

    def normalize(self, value):
        return quota_bytes(value)

    def from_config(self, body):
        return int(body.get("hard_quota") or 0)

    def to_patch(self, desired, current=None):
        return {"hard_quota": desired}


SETTING = HardQuotaSetting
