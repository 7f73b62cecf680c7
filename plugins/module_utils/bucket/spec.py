# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_bucket's options (without the connection ones), in one place.

cos_bucket takes them as its argspec and cos_buckets checks each item of its `buckets` list against
them, so the two modules never accept different options.
"""
from __future__ import annotations

from . import settings

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True, aliases=["bucket"]),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    force=dict(type="bool", default=False),
    **settings.argument_spec()
)
MUTUALLY_EXCLUSIVE = [("location_constraint", "location"), ("location_constraint", "storage_class")]
