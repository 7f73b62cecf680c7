# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""tags (+ purge_tags): bucket tags as a plain dict; {} with purge_tags removes them all."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default
from ansible_collections.ibm.cos.plugins.module_utils._tags import (
    dict_to_tagset, merged_tags, tags_as_strings, tagset_to_dict)

from ._base import SettingError, WholeSetting

ORDER = 100
OPTIONS = {"tags": {"type": "dict"}, "purge_tags": {"type": "bool", "default": True}}


MAX_TAGS = 50


class TagsSetting(WholeSetting):
    name = "tags"
    absent = {}
    put, delete = "put_bucket_tagging", "delete_bucket_tagging"

    def normalize(self, value):
        tags = tags_as_strings(value)
        for key in tags:
            if not key or len(key) > 128:
                raise SettingError(f"tags: key {key!r} must be 1 to 128 characters")
            if len(tags[key]) > 256:
                raise SettingError(f"tags: the value of {key!r} is longer than 256 characters")
        return dict(sorted(tags.items()))

    def resolve(self, desired, current, params):
        merged = merged_tags(desired, current, params["purge_tags"])
        if len(merged) > MAX_TAGS:
            raise SettingError(f"tags: {len(merged)} tags requested; COS allows at most {MAX_TAGS} per bucket")
        return dict(sorted(merged.items()))

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_bucket_tagging(Bucket=ctx.bucket),
                                   {"NoSuchTagSet", "NoSuchTagSetError"}, {"TagSet": []})
        return self.normalize(tagset_to_dict(response.get("TagSet")))

    def put_arguments(self, desired):
        return {"Tagging": {"TagSet": dict_to_tagset(desired)}}


SETTING = TagsSetting
