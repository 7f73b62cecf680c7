# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bucket settings as facets: one small class per setting, driven by _driver.py.

A module imports its module_utils anew from its zip in every task, so a task imports only the
facets it names: FACETS declares each one (name, where its class lives, its options from
_options.py) and `facets_for` / `facets_named` import the classes when they are needed.

The order here is the order facets are reported in; creation-time settings come first and
versioning is written before the others (replication needs it).
"""
from __future__ import annotations

from typing import NamedTuple

from . import _options as opt


class FacetDeclaration(NamedTuple):
    name: str        # the facet's option, also its key in diff and results
    module: str      # the file in this package that holds its class
    class_name: str
    options: dict    # its argspec fragment

    def given(self, params):
        """Whether the task sets any of the options that select this facet (those without defaults)."""
        return any(params.get(option) is not None
                   for option, spec in self.options.items() if "default" not in spec)


FACETS = (
    FacetDeclaration("location_constraint", "creation", "PlacementFacet", opt.PLACEMENT),
    FacetDeclaration("key_protect_root_key_crn", "creation", "KeyProtectFacet", opt.KEY_PROTECT),
    FacetDeclaration("object_lock", "object_lock", "ObjectLockFacet", opt.OBJECT_LOCK),
    FacetDeclaration("versioning", "versioning", "VersioningFacet", opt.VERSIONING),
    FacetDeclaration("retention", "retention", "RetentionFacet", opt.RETENTION),
    FacetDeclaration("object_lock_default_retention", "object_lock", "ObjectLockRetentionFacet",
                     opt.OBJECT_LOCK_DEFAULT_RETENTION),
    FacetDeclaration("lifecycle_rules", "lifecycle", "LifecycleFacet", opt.LIFECYCLE),
    FacetDeclaration("cors_rules", "cors", "CorsFacet", opt.CORS),
    FacetDeclaration("website", "website", "WebsiteFacet", opt.WEBSITE),
    FacetDeclaration("tags", "tags", "TagsFacet", opt.TAGS),
    FacetDeclaration("public_access_block", "public_access", "PublicAccessBlockFacet", opt.PUBLIC_ACCESS_BLOCK),
    FacetDeclaration("acl", "public_access", "AclFacet", opt.ACL),
    FacetDeclaration("replication_rules", "replication", "ReplicationFacet", opt.REPLICATION),
    FacetDeclaration("firewall", "resource_config", "FirewallFacet", opt.FIREWALL),
    FacetDeclaration("activity_tracking", "resource_config", "ActivityTrackingFacet", opt.ACTIVITY_TRACKING),
    FacetDeclaration("metrics_monitoring", "resource_config", "MetricsMonitoringFacet", opt.METRICS_MONITORING),
    FacetDeclaration("hard_quota", "resource_config", "HardQuotaFacet", opt.HARD_QUOTA),
)
FACET_NAMES = tuple(d.name for d in FACETS)


def facet_argument_spec(facets=FACETS):
    """Every facet's options, merged into one argspec fragment."""
    spec = {}
    for facet in facets:
        for option, option_spec in facet.options.items():
            if option in spec:
                raise ValueError(f"option {option} is declared by two facets")
            spec[option] = option_spec
    return spec


def _facet_module(name):
    """Import one facet module. Each import is written out (not importlib) so that AnsiballZ,
    which packs what it sees imported, ships every facet with the module."""
    if name == "cors":
        from . import cors as module
    elif name == "creation":
        from . import creation as module
    elif name == "lifecycle":
        from . import lifecycle as module
    elif name == "object_lock":
        from . import object_lock as module
    elif name == "public_access":
        from . import public_access as module
    elif name == "replication":
        from . import replication as module
    elif name == "resource_config":
        from . import resource_config as module
    elif name == "retention":
        from . import retention as module
    elif name == "tags":
        from . import tags as module
    elif name == "versioning":
        from . import versioning as module
    elif name == "website":
        from . import website as module
    else:
        raise ValueError(f"no facet module {name!r}")
    return module


def facets_named(names):
    """The facets called `names`, in report order (their modules imported now)."""
    wanted = set(names)
    return [getattr(_facet_module(d.module), d.class_name)() for d in FACETS if d.name in wanted]


def facets_for(params):
    """The facets a task manages: those whose options it sets, as each facet's `selected` decides."""
    candidates = facets_named(d.name for d in FACETS if d.given(params))
    return [facet for facet in candidates if facet.selected(params)]
