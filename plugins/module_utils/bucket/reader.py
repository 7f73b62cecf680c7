# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read the named settings of one bucket for cos_bucket_info, through cos_bucket's own settings, so
both modules show a setting the same way. HeadBucket is made only when Key Protect is asked for."""
from __future__ import annotations

from .driver import read_current
from .resource import bucket_headers
from .settings import NAMES, settings_named
from .settings._base import BucketContext
from .settings._config import ConfigSetting


class UsageSetting(ConfigSetting):
    """Read-only: what the Resource Configuration API counts for the bucket."""

    name = "usage"

    def from_config(self, body):
        return {key: body.get(key) for key in ("crn", "object_count", "bytes_used")}


# Location and class come from the listing itself; every other cos_bucket setting can be read.
SETTING_NAMES = tuple(name for name in NAMES if name != "location_constraint") + (UsageSetting.name,)


def read_bucket_settings(conn, bucket: str, names) -> dict:
    """{setting: current value} for the settings `names` of `bucket`; `conn` is the CosConnection."""
    settings = settings_named(names) + ([UsageSetting()] if UsageSetting.name in names else [])
    ctx = BucketContext(conn, bucket)
    if any(s.api == "head" for s in settings):
        ctx.head = bucket_headers(conn.s3, bucket)
    return read_current(ctx, settings)
