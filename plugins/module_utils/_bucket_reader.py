# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read the named settings of one bucket: one call per facet, HeadBucket and the Resource
Configuration body at most once each, all in parallel."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets._base import BucketContext
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.cors import CorsFacet
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.lifecycle import LifecycleFacet
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.object_lock import (
    ObjectLockFacet,
    ObjectLockRetentionFacet,
)
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.public_access import (
    AclFacet,
    PublicAccessBlockFacet,
)
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.replication import ReplicationFacet
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.resource_config import (
    ActivityTrackingFacet,
    FirewallFacet,
    HardQuotaFacet,
    MetricsMonitoringFacet,
)
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.retention import RetentionFacet
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.tags import TagsFacet
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.versioning import VersioningFacet
from ansible_collections.ibm.cos.plugins.module_utils._bucket_facets.website import WebsiteFacet

FACETS = {f.name: f for f in (
    VersioningFacet(), LifecycleFacet(), CorsFacet(), WebsiteFacet(), TagsFacet(), RetentionFacet(),
    ObjectLockFacet(), ObjectLockRetentionFacet(), PublicAccessBlockFacet(), AclFacet(),
    ReplicationFacet(), FirewallFacet(), ActivityTrackingFacet(), MetricsMonitoringFacet(), HardQuotaFacet(),
)}
SETTING_NAMES = tuple(FACETS) + ("key_protect", "usage")


def key_protect_from_headers(headers: dict):
    """The root key CRN from HeadBucket's raw headers (the SDK misparses `True`), or None."""
    lowered = {k.lower(): v for k, v in headers.items()}
    if str(lowered.get("ibm-sse-kp-enabled", "")).lower() == "true":
        return lowered.get("ibm-sse-kp-crk-id")
    return None


def read_bucket_settings(module, bucket: str, names) -> dict:
    facets = [FACETS[n] for n in names if n in FACETS]
    needs_config = "usage" in names or any(f.api == "config" for f in facets)
    needs_head = "key_protect" in names or any(f.api == "head" for f in facets)
    ctx = BucketContext(module, bucket)
    calls = {}
    if needs_config:
        calls["_config"] = lambda: module.config_api.get_bucket(bucket)
    if needs_head:
        calls["_head"] = lambda: module.s3.head_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPHeaders"]
    for facet in facets:
        if facet.api == "s3":
            calls[facet.name] = lambda f=facet: f.read(ctx)
    with module.errors(bucket=bucket):
        results = module.run_parallel(calls)
        if needs_config:
            ctx.config, ctx.config_etag = results.pop("_config")
        if needs_head:
            ctx.head = {k.lower(): v for k, v in results.pop("_head").items()}
        for facet in facets:
            if facet.api != "s3":
                results[facet.name] = facet.read(ctx)
    if "key_protect" in names:
        results["key_protect"] = key_protect_from_headers(ctx.head)
    if "usage" in names:
        results["usage"] = {k: ctx.config.get(k) for k in ("crn", "object_count", "bytes_used")}
    return results
