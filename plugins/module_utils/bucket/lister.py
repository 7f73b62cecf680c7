# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cos_bucket_info resource: the instance's buckets (one ListBucketsExtended per page) and the
settings asked for of the named ones, read in parallel."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError, ForBucket
from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel

from .reader import SETTING_NAMES, read_bucket_settings
from .settings.location_constraint import split_location_constraint


class BucketLister:
    """`conn` is the CosConnection; `params` the task's name, prefix and settings."""

    def __init__(self, conn, params):
        self.conn = conn
        self.params = params

    def list_buckets(self, prefix):
        """Every bucket of the instance (one call per page of 1000) with location and class."""
        kwargs = {}
        if prefix:
            kwargs["Prefix"] = prefix
        if self.conn.settings.uses_iam:
            kwargs["IBMServiceInstanceId"] = self.conn.setting("service_instance_id")
            if not kwargs["IBMServiceInstanceId"]:
                raise CosError("listing buckets with IAM auth needs service_instance_id (or IBM_COS_INSTANCE_CRN)")
        buckets = []
        for page in self.conn.s3.get_paginator("list_buckets_extended").paginate(**kwargs):
            for entry in page.get("Buckets", []):
                location, storage_class = split_location_constraint(entry.get("LocationConstraint") or "")
                created = entry.get("CreationDate")
                buckets.append(dict(name=entry["Name"], location_constraint=entry.get("LocationConstraint"),
                                    location=location, storage_class=storage_class,
                                    creation_date=created.isoformat() if created else None))
        return sorted(buckets, key=lambda b: b["name"])

    def read_settings(self, bucket, names):
        try:
            return read_bucket_settings(self.conn, bucket, names)
        except Exception as exc:  # pylint: disable=broad-except
            raise ForBucket(bucket, exc) from exc

    def run(self):
        names = self.params["name"] or []
        # One shared prefix narrows the listing when buckets are named.
        prefix = self.params["prefix"] or (_common_prefix(names) if names else None)
        buckets = self.list_buckets(prefix)
        if names:
            wanted = set(names)
            buckets = [b for b in buckets if b["name"] in wanted]
        missing = sorted(set(names) - {b["name"] for b in buckets})
        settings = self.params["settings"] or (["all"] if names else [])
        if "all" in settings:
            settings = list(SETTING_NAMES)
        result = dict(changed=False, buckets=buckets, missing=missing)
        if names and settings:
            read = run_parallel({b["name"]: (lambda n=b["name"]: self.read_settings(n, settings)) for b in buckets})
            unread = {}
            for bucket in buckets:
                values, skipped = read[bucket["name"]]
                bucket.update(values)
                for setting, reason in skipped.items():
                    unread.setdefault((setting, reason), []).append(bucket["name"])
            if unread:
                result["warnings"] = unread_warnings(unread)
        return result


def unread_warnings(unread):
    """One warning per reason, naming the settings left out and the buckets they were left out of."""
    by_reason = {}
    for (setting, reason), buckets in unread.items():
        by_reason.setdefault((reason, tuple(sorted(buckets))), []).append(setting)
    return [f"settings not read ({', '.join(settings)}) for bucket(s) {', '.join(buckets)}: {reason}; "
            "they are left out of the result"
            for (reason, buckets), settings in sorted(by_reason.items())]


def _common_prefix(names):
    first, last = min(names), max(names)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size] or None
