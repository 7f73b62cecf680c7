# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bucket settings as facets: one small class per setting, driven by _driver.py.

The order here is the order facets are reported in; creation-time settings come first and
versioning is written before the others (replication needs it).
"""
from __future__ import annotations

from .cors import CorsFacet
from .creation import KeyProtectFacet, PlacementFacet
from .lifecycle import LifecycleFacet
from .object_lock import ObjectLockFacet, ObjectLockRetentionFacet
from .public_access import AclFacet, PublicAccessBlockFacet
from .replication import ReplicationFacet
from .resource_config import ActivityTrackingFacet, FirewallFacet, HardQuotaFacet, MetricsMonitoringFacet
from .retention import RetentionFacet
from .tags import TagsFacet
from .versioning import VersioningFacet
from .website import WebsiteFacet

FACETS = (
    PlacementFacet(),
    KeyProtectFacet(),
    ObjectLockFacet(),
    VersioningFacet(),
    RetentionFacet(),
    ObjectLockRetentionFacet(),
    LifecycleFacet(),
    CorsFacet(),
    WebsiteFacet(),
    TagsFacet(),
    PublicAccessBlockFacet(),
    AclFacet(),
    ReplicationFacet(),
    FirewallFacet(),
    ActivityTrackingFacet(),
    MetricsMonitoringFacet(),
    HardQuotaFacet(),
)


def facet_argument_spec(facets=FACETS):
    """Every facet's options, merged into one argspec fragment."""
    spec = {}
    for facet in facets:
        for option, option_spec in facet.options.items():
            if option in spec:
                raise ValueError(f"option {option} is declared by two facets")
            spec[option] = option_spec
    return spec
