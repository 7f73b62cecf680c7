# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""tags (+ purge_tags): refused. IBM Cloud Object Storage has no bucket tagging.

No IBM source offers it: about-api.md's "Bucket operations" lists no tagging call, iam.md has
tagging actions for objects only (no `bucket.*tagging*` action), and terraform's ibm_cos_bucket has
no tags. The options stay so that a task that still sets them fails with this explanation before
any call, instead of with "unsupported parameter" or an error from COS.
"""
from __future__ import annotations

from ._base import Setting, SettingError

ORDER = 100
OPTIONS = {"tags": {"type": "dict"}, "purge_tags": {"type": "bool"}}

REFUSAL = ("tags, purge_tags: IBM Cloud Object Storage has no bucket tagging (it documents no bucket "
           "tagging call and no IAM action for one). Tag the bucket's service instance with IBM Cloud "
           "tags instead (for example ibm.cloudcollection.ibm_resource_tag on the instance CRN), or tag "
           "objects with ibm.cos.cos_object; then remove tags and purge_tags from this task.")


class TagsSetting(Setting):
    name = "tags"

    def selected(self, params):
        return params.get("tags") is not None or params.get("purge_tags") is not None

    def desired(self, params):
        raise SettingError(REFUSAL)

    def read(self, ctx):
        raise SettingError(REFUSAL)

    def write(self, ctx, desired, current):  # pragma: no cover - desired() refuses first
        raise SettingError(REFUSAL)


SETTING = TagsSetting
