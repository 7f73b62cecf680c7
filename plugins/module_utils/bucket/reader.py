# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read the named settings of one bucket for cos_bucket_info, through cos_bucket's own facets, so
both modules show a setting the same way. HeadBucket is made only when Key Protect is asked for."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings import FACET_NAMES, facets_named
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import BucketContext
from ansible_collections.ibm.cos.plugins.module_utils.bucket.driver import read_current
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.firewall import ConfigSetting


class UsageSetting(ConfigSetting):
    """Read-only: what the Resource Configuration API counts for the bucket."""

    name = "usage"

    def from_config(self, body):
        return {key: body.get(key) for key in ("crn", "object_count", "bytes_used")}


# Location and class come from the listing itself; every other cos_bucket setting can be read.
SETTING_NAMES = tuple(name for name in FACET_NAMES if name != "location_constraint") + (UsageSetting.name,)


def read_bucket_settings(module, bucket: str, names) -> dict:
    facets = facets_named(names) + ([UsageSetting()] if UsageSetting.name in names else [])
    ctx = BucketContext(module, bucket)
    with module.errors(bucket=bucket):
        if any(f.api == "head" for f in facets):
            ctx.head = module.s3.head_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPHeaders"]
        return read_current(ctx, facets, module)
