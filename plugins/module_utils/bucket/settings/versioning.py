# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""versioning: true keeps every object version; false suspends it (COS cannot turn it fully off)."""
from __future__ import annotations

from ._base import FlagSetting

ORDER = 40
OPTIONS = {"versioning": {"type": "bool"}}


class VersioningSetting(FlagSetting):
    name = "versioning"

    def fresh(self, params):
        # Object Lock turns versioning on as the bucket is created.
        return bool(params.get("object_lock"))

    def read(self, ctx):
        status = ctx.s3.get_bucket_versioning(Bucket=ctx.bucket).get("Status")
        return status == "Enabled"

    def write(self, ctx, desired, current):
        try:
            ctx.s3.put_bucket_versioning(
                Bucket=ctx.bucket,
                VersioningConfiguration={"Status": "Enabled" if desired else "Suspended"})
        except Exception as exc:  # pylint: disable=broad-except
            if not desired:  # a backup policy added since the check may be why COS refused
                from ..backup_guard import explain_refusal

                explain_refusal(ctx.conn, ctx.bucket, "suspend", exc)
            raise


SETTING = VersioningSetting
