"""Every module's DOCUMENTATION, EXAMPLES and RETURN render with ansible-doc, as JSON and as text."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

MODULES = sorted(path.stem for path in (Path(__file__).resolve().parents[2] / "plugins" / "modules").glob("cos_*.py"))
# The data-protection modules (issue: backup vaults, policies, ranges, restores, replication failures).
DATA_PROTECTION = ["cos_backup_policy", "cos_backup_vault", "cos_backup_vault_info", "cos_bucket_replication_reattempt",
                   "cos_recovery_range", "cos_restore"]


def ansible_doc(ansible, *args):
    return subprocess.run([str(Path(sys.executable).parent / "ansible-doc"), "-t", "module", *args], env=ansible.environment(), capture_output=True,
                          text=True, timeout=300, check=False)


def test_every_module_renders_as_json_with_examples_and_return(ansible):
    done = ansible_doc(ansible, "--json", *[f"ibm.cos.{name}" for name in MODULES])
    assert done.returncode == 0, done.stderr
    rendered = json.loads(done.stdout)
    assert sorted(rendered) == [f"ibm.cos.{name}" for name in MODULES]
    for fqcn, data in rendered.items():
        assert data["doc"]["short_description"] and data["doc"]["options"], fqcn
        assert data["examples"].strip(), fqcn
        assert data["return"], fqcn


@pytest.mark.parametrize("name", DATA_PROTECTION)
def test_the_data_protection_modules_render_as_text(ansible, name):
    done = ansible_doc(ansible, f"ibm.cos.{name}")
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    assert f"ibm.cos.{name}" in done.stdout and "EXAMPLES:" in done.stdout and "RETURN VALUES:" in done.stdout
