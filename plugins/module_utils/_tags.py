# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tags as bucket and object share them: plain {key: value} strings, merged or purged (pure)."""
from __future__ import annotations


def tags_as_strings(tags):
    """COS keeps tag keys and values as strings; a missing value is the empty string."""
    return {str(k): "" if v is None else str(v) for k, v in (tags or {}).items()}


def merged_tags(wanted, current, purge):
    """The tags to end with: only `wanted` with `purge`, else `current` with `wanted` on top."""
    return dict(wanted) if purge else {**(current or {}), **wanted}


def tagset_to_dict(tag_set):
    return {t["Key"]: t["Value"] for t in tag_set or []}


def dict_to_tagset(tags):
    return [{"Key": k, "Value": v} for k, v in sorted(tags_as_strings(tags).items())]
