# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_object with ``copy_source.prefix``: every object under a prefix copied server side, in
parallel, each one only when it differs (the single-object task, once per key)."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel
from ansible_collections.ibm.cos.plugins.module_utils.objects import object_io as io_


def copy_prefix(task_class, conn, params, check_mode, diff):
    """Run ``task_class`` for each source key; returns the combined result dict."""
    spec = params["copy_source"]
    prefix = spec["prefix"]
    objects, _prefixes, _token = io_.list_objects(conn.s3, spec["bucket"], prefix)
    jobs = {}
    for entry in objects:
        source_key = entry["Key"]
        one = dict(params, key=params["key"] + source_key[len(prefix):],
                   copy_source={"bucket": spec["bucket"], "key": source_key, "version_id": None})
        jobs[one["key"]] = task_class(conn, one, check_mode=check_mode, diff=False).run
    results = run_parallel(jobs)
    copied = sorted(key for key, result in results.items() if result["changed"])
    actions = ["%s: %s" % (key, action) for key in sorted(results) for action in results[key]["actions"]]
    result = {"bucket": params["bucket"], "key": params["key"], "changed": bool(copied), "copied": copied,
              "actions": actions, "msg": "%d of %d objects copied" % (len(copied), len(results))}
    if diff and copied:
        result["diff"] = {"before": {"copied": []}, "after": {"copied": copied}}
    return result
