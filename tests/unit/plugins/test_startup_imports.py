"""What a cos_bucket task imports: its module_utils are compiled anew from the module's zip in
every task, so code a task does not need must stay unimported (bench/RESULTS.md measures it)."""
import json
import subprocess
import sys
from pathlib import Path

COLLECTIONS = Path(__file__).resolve().parents[3] / "build" / "collections"
PACKAGE = "ansible_collections.ibm.cos.plugins.module_utils."
SETTINGS = "bucket.settings."

IMPORTED_BY_A_TASK = """
import json, sys
from ansible_collections.ibm.cos.plugins.modules import cos_bucket
from ansible_collections.ibm.cos.plugins.module_utils.bucket.driver import Plan
names = [s.name for s in Plan(json.loads(sys.argv[1])).settings]
print(json.dumps({"settings": names, "modules": sorted(sys.modules)}))
"""


def imported_by(params):
    """(settings planned, our module_utils imported, every module imported) by a fresh interpreter
    planning `params`."""
    out = subprocess.run([sys.executable, "-c", IMPORTED_BY_A_TASK, json.dumps(params)], check=True,
                         capture_output=True, text=True, env={"PYTHONPATH": str(COLLECTIONS)}).stdout
    found = json.loads(out)
    ours = {m[len(PACKAGE):] for m in found["modules"] if m.startswith(PACKAGE)}
    return found["settings"], ours, set(found["modules"])


def setting_files(ours):
    """The setting files imported (not the registry or the shared bases, whose names start with _)."""
    return {m[len(SETTINGS):] for m in ours if m.startswith(SETTINGS) and not m[len(SETTINGS):].startswith("_")}


def test_a_task_imports_only_the_settings_it_names():
    settings, ours = imported_by({"name": "b", "versioning": True, "acl": "private"})[:2]
    assert settings == ["versioning", "acl"]
    assert setting_files(ours) == {"versioning", "acl"}


def test_placement_and_config_settings_load_their_own_files():
    settings, ours = imported_by({"name": "b", "location": "us-south", "hard_quota": "1GB"})[:2]
    assert settings == ["location_constraint", "hard_quota"]
    assert setting_files(ours) == {"location_constraint", "hard_quota"}


def test_helpers_a_no_op_converge_does_not_need_stay_unimported():
    ours, everything = imported_by({"name": "b", "versioning": True})[1:]
    # Emptying a bucket, listing, endpoint lookup and the Config API client are imported where used.
    assert not {"bucket.emptying", "bucket.lister", "bucket.reader", "objects.batch_delete",
                "_endpoints", "_config_api"} & ours
    assert not {m for m in ours if m.startswith("objects.")}
    assert "difflib" not in everything
    assert "ibm_boto3" not in everything  # imported when the first client is built
