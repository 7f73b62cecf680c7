# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_buckets: many buckets converged in one run, each as cos_bucket converges one.

Every item is checked (cos_bucket's argspec, then CosBucket.validate) before any call. Then each
bucket runs on a bounded pool of worker threads sharing one CosConnection (one S3 client, one
token); a bucket that fails is reported and the others go on.
"""
from __future__ import annotations

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError, describe
from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel

from .names import bucket_of
from .resource import CosBucket
from .settings._base import SettingError
from .spec import ARGUMENT_SPEC, MUTUALLY_EXCLUSIVE

DEFAULT_PARALLELISM = 8
_VALIDATOR = ArgumentSpecValidator(ARGUMENT_SPEC, mutually_exclusive=MUTUALLY_EXCLUSIVE)


def _message(error):
    text = str(error)
    return f"unsupported option {text}" if isinstance(error, UnsupportedError) else text


def check_items(conn, items, check_mode=False):
    """The CosBucket of every item, or CosError listing every problem (index and name); no call made."""
    problems, buckets, seen = [], [], {}
    for index, item in enumerate(items):
        label = f"buckets[{index}]"
        if isinstance(item, dict) and item.get("name"):
            label += f" ({item['name']})"
        if not isinstance(item, dict):
            problems.append(f"{label}: must be a dict of cos_bucket options, got {type(item).__name__}")
            continue
        checked = _VALIDATOR.validate(item)
        if checked.error_messages:
            problems.extend(f"{label}: {_message(error)}" for error in checked.errors.errors)
            continue
        params = checked.validated_parameters
        if params["name"] in seen:
            problems.append(f"{label}: the same bucket as buckets[{seen[params['name']]}]; name each bucket once")
            continue
        seen[params["name"]] = index
        bucket = CosBucket(conn, params, check_mode=check_mode)
        try:
            bucket.validate()
        except (SettingError, CosError) as exc:
            problems.append(f"{label}: {exc}")
            continue
        buckets.append(bucket)
    if problems:
        raise CosError("Nothing was changed: " + "; ".join(problems), problems=problems)
    return buckets


def waves(buckets):
    """Buckets grouped so a replication destination in the list is converged before its sources."""
    names = {b.name for b in buckets}
    needs = {b.name: {bucket_of(rule.get("destination_bucket")) for rule in b.params.get("replication_rules") or []}
             & names - {b.name} for b in buckets}
    done, groups, left = set(), [], list(buckets)
    while left:
        ready = [b for b in left if needs[b.name] <= done] or left  # a cycle: run the rest together
        groups.append(ready)
        done.update(b.name for b in ready)
        left = [b for b in left if b.name not in done]
    return groups


def _outcome(bucket):
    """The bucket's cos_bucket result, or its failure as a value (workers never raise past here)."""
    try:
        return bucket.run()
    except Exception as exc:  # pylint: disable=broad-except
        return exc


def converge(buckets, parallelism=DEFAULT_PARALLELISM):
    """{name: result dict or exception}, every bucket run to its end."""
    outcomes = {}
    for group in waves(buckets):
        outcomes.update(run_parallel({b.name: (lambda b=b: _outcome(b)) for b in group}, max_workers=parallelism))
    return outcomes


def report(buckets, outcomes):
    """The module's result: one entry per bucket in task order, a summary, and the failures."""
    results, failures = [], []
    for bucket in buckets:
        outcome = outcomes[bucket.name]
        if isinstance(outcome, BaseException):
            msg, details = describe(outcome, bucket=bucket.name)
            results.append(dict(details, name=bucket.name, changed=False, failed=True, msg=msg))
            failures.append(f"{bucket.name}: {msg}")
        else:
            results.append(dict(outcome, failed=False))
    changed = [r for r in results if r["changed"]]
    summary = {
        "total": len(results),
        "changed": len(changed),
        "created": sum(1 for r in results if r.get("created")),
        "unchanged": sum(1 for r in results if not r["changed"] and not r["failed"]),
        "failed": len(failures),
    }
    diff = {"before": {r["name"]: r["diff"]["before"] for r in changed},
            "after": {r["name"]: r["diff"]["after"] for r in changed}}
    return {"changed": bool(changed), "buckets": results, "summary": summary, "diff": diff}, failures
