"""What a cos_bucket task imports: its module_utils are compiled anew from the module's zip in
every task, so code a task does not need must stay unimported (bench/RESULTS.md measures it)."""
import json
import subprocess
import sys
from pathlib import Path

COLLECTIONS = Path(__file__).resolve().parents[3] / "build" / "collections"
PACKAGE = "ansible_collections.ibm.cos.plugins.module_utils."

IMPORTED_BY_A_TASK = """
import json, sys
from ansible_collections.ibm.cos.plugins.modules import cos_bucket
from ansible_collections.ibm.cos.plugins.module_utils.bucket.driver import Plan
names = [f.name for f in Plan(json.loads(sys.argv[1])).facets]
print(json.dumps({"facets": names, "modules": sorted(sys.modules)}))
"""


def imported_by(params):
    """(facets planned, our module_utils imported, every module imported) by a fresh interpreter
    planning `params`."""
    out = subprocess.run([sys.executable, "-c", IMPORTED_BY_A_TASK, json.dumps(params)], check=True,
                         capture_output=True, text=True, env={"PYTHONPATH": str(COLLECTIONS)}).stdout
    found = json.loads(out)
    ours = {m[len(PACKAGE):] for m in found["modules"] if m.startswith(PACKAGE)}
    return found["facets"], ours, set(found["modules"])


def facet_modules(ours):
    return {m.split(".", 1)[1] for m in ours if m.startswith("_bucket_facets.")} - {"_base", "_driver", "_options",
                                                                                    "_bucket"}


def test_a_task_imports_only_the_facets_it_names():
    facets, ours = imported_by({"name": "b", "versioning": True, "tags": {"a": "1"}, "purge_tags": True})[:2]
    assert facets == ["versioning", "tags"]
    assert facet_modules(ours) == {"versioning", "tags"}


def test_placement_and_config_settings_load_their_own_modules():
    facets, ours = imported_by({"name": "b", "location": "us-south", "hard_quota": "1GB"})[:2]
    assert facets == ["location_constraint", "hard_quota"]
    assert facet_modules(ours) == {"creation", "resource_config"}


def test_helpers_a_no_op_converge_does_not_need_stay_unimported():
    ours, everything = imported_by({"name": "b", "versioning": True})[1:]
    # Emptying a bucket, endpoint lookup and the Config API client are imported where used.
    assert not {"_bucket_facets._empty", "_endpoints", "_config_api"} & ours
    assert "difflib" not in everything
    assert "ibm_boto3" not in everything  # imported when the first client is built
