# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""public_access_block: whether COS refuses (or ignores) public ACLs on the bucket and its objects."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import read_or_default

from ._base import WholeSetting

ORDER = 110
# option -> PublicAccessBlockConfiguration member
_FLAGS = {"block_public_acls": "BlockPublicAcls", "ignore_public_acls": "IgnorePublicAcls"}
OPTIONS = {"public_access_block": {"type": "dict", "options": {
    key: {"type": "bool", "default": False} for key in _FLAGS}}}


class PublicAccessBlockSetting(WholeSetting):
    """All flags false and "no configuration" are the same state, so {} removes it without a diff."""

    name = "public_access_block"
    absent = {key: False for key in _FLAGS}
    put, delete = "put_public_access_block", "delete_public_access_block"

    def normalize(self, value):
        return {key: bool((value or {}).get(key)) for key in _FLAGS}

    def read(self, ctx):
        response = read_or_default(lambda: ctx.s3.get_public_access_block(Bucket=ctx.bucket),
                                   {"NoSuchPublicAccessBlockConfiguration"}, {})
        config = response.get("PublicAccessBlockConfiguration") or {}
        return {key: bool(config.get(api)) for key, api in _FLAGS.items()}

    def is_empty(self, desired):
        return not any(desired.values())

    def put_arguments(self, desired):
        return {"PublicAccessBlockConfiguration": {api: desired[key] for key, api in _FLAGS.items()}}


SETTING = PublicAccessBlockSetting
