# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads only the settings a task names (in parallel), compares, writes only what differs.

This is the one place that decides whether to write (check mode) and builds the diff.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import ConfigApiError
from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel

from .settings import settings_for, settings_named
from .settings._base import BucketContext, SettingError

CONFIG_READ = "__resource_configuration__"
# config SDK, model Bucket: "Viewing or updating the Firewall element requires the requester to
# have the manager role"; a lower role's GET leaves the firewall out, its PATCH is refused.
FIREWALL_ROLE = ("firewall: the Resource Configuration API shows and changes a bucket's firewall only for "
                 "the Manager role on the service instance, and these credentials have a lower role (for "
                 "example Writer), so the firewall they read is empty whatever it holds. Use an API key with "
                 "the Manager role, or leave firewall out of this task.")


class Plan:
    """The settings a task names and their desired values, validated before any call."""

    def __init__(self, params):
        self.params = params
        self.settings = settings_for(params)
        self.desired = {f.name: f.desired(params) for f in self.settings}
        self._check_combinations()

    def _check_combinations(self):
        wanted = self.desired
        if wanted.get("retention") and (wanted.get("versioning") or wanted.get("object_lock")):
            raise SettingError("retention cannot be combined with versioning or object_lock: COS keeps "
                               "retention-policy buckets unversioned; use object_lock_default_retention "
                               "on an object_lock bucket instead")
        if wanted.get("object_lock") and wanted.get("versioning") is False:
            raise SettingError("versioning: false cannot be combined with object_lock: true; Object Lock "
                               "buckets are always versioned")
        if wanted.get("replication_rules") and wanted.get("versioning") is False:
            raise SettingError("versioning: false cannot be combined with replication_rules: COS refuses to "
                               "suspend versioning on a bucket that replicates; set replication_rules: [] to "
                               "remove replication in the same task, or keep versioning: true")
        if wanted.get("replication_rules") and wanted.get("firewall"):
            from .replication_firewall import same_task_problem  # only for tasks naming both

            problem = same_task_problem(wanted)
            if problem:
                raise SettingError(problem)

    @property
    def names(self):
        return [f.name for f in self.settings]


class Outcome:
    def __init__(self, changed, before, after, values, crn=None, warnings=None):
        self.changed = changed
        self.before = before
        self.after = after
        self.values = values
        self.crn = crn
        self.warnings = warnings or []


def read_current(ctx, facets):
    """The current value of each setting: one job per S3 setting, one Config API GET for all the rest."""
    jobs = {f.name: (lambda f=f: f.read(ctx)) for f in facets if f.api == "s3"}
    if any(f.api == "config" for f in facets):
        config_api = ctx.config_api  # built here, before any worker: it refuses HMAC keys
        jobs[CONFIG_READ] = lambda: config_api.get_bucket(ctx.bucket)
    results = run_parallel(jobs)
    if CONFIG_READ in results:
        ctx.config, ctx.config_etag = results.pop(CONFIG_READ)
    for facet in facets:
        if facet.api != "s3":
            results[facet.name] = facet.read(ctx)
    return results


def check_versioning_suspension(ctx, desired, current):
    """COS refuses to suspend versioning while the bucket replicates (replication.md "Interactions",
    "Versioning") or has a backup policy (bvm-faq.md): a task that suspends it anyway fails before
    any write. The backup policies are read only here, when versioning would be suspended."""
    if not (current.get("versioning") and desired.get("versioning") is False):
        return
    # The plan has refused any rules kept beside versioning: false; [] is removed first.
    if "replication_rules" not in desired:
        replication = settings_named(["replication_rules"])[0]  # loaded only when it is needed
        if replication.read(ctx):
            raise SettingError("versioning: false on a bucket with replication rules: COS refuses to suspend "
                               "versioning while replication is configured; add replication_rules: [] to this "
                               "task to remove replication first")
    from .backup_guard import refuse_if_protected

    refuse_if_protected(ctx.conn, ctx.bucket, "suspend")


def apply_changes(ctx, differing, desired, current):
    """Versioning first when it is turned on (replication and lock rules depend on it), last when
    it is suspended (after replication is removed), the rest in parallel."""
    s3_facets = [f for f in differing if f.api == "s3"]
    versioning = [f for f in s3_facets if f.name == "versioning"]
    turned_on = bool(versioning) and bool(desired["versioning"])
    for facet in versioning if turned_on else []:
        facet.write(ctx, desired[facet.name], current[facet.name])
    jobs = {f.name: (lambda f=f: f.write(ctx, desired[f.name], current[f.name]))
            for f in s3_facets if f.name != "versioning"}
    config_facets = [f for f in differing if f.api == "config"]
    patch = {}
    if config_facets:
        for facet in config_facets:
            patch.update(facet.to_patch(desired[facet.name], current[facet.name]))
        jobs[CONFIG_READ] = lambda: patch_config(ctx, patch)
    if "firewall" in patch and "replication_rules" in jobs:
        # A legacy firewall and replication exclude each other (replication_firewall.py): when a
        # task swaps one for the other, the removal is written first.
        jobs.pop(CONFIG_READ if desired["replication_rules"] else "replication_rules")()
    run_parallel(jobs)
    for facet in [] if turned_on else versioning:
        facet.write(ctx, desired[facet.name], current[facet.name])


def patch_config(ctx, patch):
    try:
        ctx.config_api.patch_bucket(ctx.bucket, patch, etag=ctx.config_etag)
    except ConfigApiError as exc:
        if "firewall" in patch:
            from .replication_firewall import explain_patch_refusal  # only after a refusal

            explain_patch_refusal(exc, ctx.bucket)  # whatever the status, a 403 included
            if exc.status == 403:
                raise SettingError(FIREWALL_ROLE) from None
        raise


def reconcile(conn, bucket, plan, check_mode=False, head=None, created=False):
    """Converge the named settings of `bucket`; returns an Outcome (never writes in check mode).

    `conn` is the CosConnection. `created` means the bucket was just created (or would be, in check
    mode): its settings hold their fresh values and are not read back.
    """
    ctx = BucketContext(conn, bucket, head=head)
    facets = plan.settings
    if created:
        current = {f.name: f.fresh(plan.params) for f in facets}
    else:
        current = read_current(ctx, facets)
    desired = {f.name: f.resolve(plan.desired[f.name], current[f.name], plan.params) for f in facets}
    for facet in facets:
        facet.check_transition(current[facet.name], desired[facet.name])
    if not created:
        check_versioning_suspension(ctx, desired, current)
    differing = [f for f in facets if not f.equal(current[f.name], desired[f.name])]
    warnings = []
    if any(f.name == "replication_rules" for f in differing) and desired["replication_rules"]:
        from .replication_firewall import refuse_firewalled_buckets  # only when replication is written
        from .replication_lock import object_lock_warnings, source_locked

        refuse_firewalled_buckets(ctx, desired["replication_rules"], "firewall" in desired)
        warnings = object_lock_warnings(ctx, desired["replication_rules"],
                                        source_locked(ctx, plan, desired, created))
    if differing and not check_mode:
        apply_changes(ctx, differing, desired, current)
    return Outcome(
        changed=bool(differing),
        before={f.name: current[f.name] for f in differing},
        after={f.name: desired[f.name] for f in differing},
        # What the bucket holds after the run: an unchanged setting as COS answered it (it may be
        # spelled differently from the task, such as CORS header case).
        values={f.name: desired[f.name] if f in differing else current[f.name] for f in facets},
        crn=(ctx.config or {}).get("crn"),
        warnings=warnings,
    )
