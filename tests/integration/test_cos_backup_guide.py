"""The data protection guide's worked playbooks, run as written against the local stack: protect a
bucket, damage it, restore it, and compare every object with how it was."""
from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

from backup_support import BackupReader, all_writes, empty_and_delete

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "docsite" / "rst" / "guide_data_protection.rst"
BLOCK = re.compile(r"^\.\. code-block:: yaml\n\n((?:    .*\n|\n)+)", re.M)


def guide_blocks():
    return [yaml.safe_load("\n".join(line[4:] for line in block.splitlines())) for block in BLOCK.findall(GUIDE.read_text())]


def run_play(ansible, play, tmp_path, extra_vars=None):
    path = tmp_path / f"play-{time.monotonic_ns()}.yml"
    path.write_text(json.dumps(play))
    command = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", f"ansible_python_interpreter={sys.executable}", str(path)]
    if extra_vars:
        command += ["-e", json.dumps(extra_vars)]
    return subprocess.run(command, env=ansible.environment(), capture_output=True, text=True, timeout=600)


def current_objects(s3, bucket):
    listing = s3.list_object_versions(Bucket=bucket)
    found = {v["Key"]: (v["VersionId"], v["ETag"], v["LastModified"],
                        s3.get_object(Bucket=bucket, Key=v["Key"], VersionId=v["VersionId"])["Body"].read())
             for v in listing.get("Versions", []) if v["IsLatest"]}
    found.update({m["Key"]: (m["VersionId"], None, m["LastModified"], None)
                  for m in listing.get("DeleteMarkers", []) if m["IsLatest"]})
    return found


def test_every_yaml_block_of_the_guide_parses_and_names_documented_modules():
    blocks = guide_blocks()
    assert len(blocks) == 5
    text = json.dumps(blocks)
    assert {"ibm.cos.cos_backup_vault", "ibm.cos.cos_backup_policy", "ibm.cos.cos_restore",
            "ibm.cos.cos_recovery_range", "ibm.cos.cos_backup_vault_info"} <= set(re.findall(r"ibm\.cos\.cos_\w+", text))


def test_the_worked_playbooks_protect_and_restore_a_bucket(ansible, cos_env, stack, s3, tmp_path):
    protect, _, restore = guide_blocks()[:3]
    bucket, vault = protect[0]["vars"]["bucket"], protect[0]["vars"]["vault"]
    for name in (bucket, f"{bucket}-restored"):
        try:
            empty_and_delete(s3, name)
        except Exception:  # pylint: disable=broad-except
            pass  # not there: the usual case
    try:
        first = run_play(ansible, protect, tmp_path)
        assert first.returncode == 0, first.stdout[-3000:]
        assert "is active" in first.stdout
        stack.reset_counters()
        again = run_play(ansible, protect, tmp_path)
        assert again.returncode == 0 and "changed=0" in again.stdout, again.stdout[-3000:]
        assert all_writes(stack.counters()) == {}

        for key in ("orders/1.json", "orders/2.json", "invoices/9.pdf"):
            s3.put_object(Bucket=bucket, Key=key, Body=f"original {key}".encode())
        time.sleep(0.2)
        noted = datetime.datetime.now(datetime.timezone.utc).isoformat()
        as_it_was = current_objects(s3, bucket)
        BackupReader(cos_env).ranges(vault)
        time.sleep(0.2)
        s3.put_object(Bucket=bucket, Key="orders/1.json", Body=b"corrupted")
        s3.delete_object(Bucket=bucket, Key="invoices/9.pdf")
        s3.put_object(Bucket=bucket, Key="ransom-note.txt", Body=b"pay up")

        restored = run_play(ansible, restore, tmp_path, {"point_in_time": noted})

        assert restored.returncode == 0, restored.stdout[-3000:]
        assert "is complete" in restored.stdout
        assert current_objects(s3, f"{bucket}-restored") == as_it_was
    finally:
        for name in (bucket, f"{bucket}-restored"):
            try:
                BackupReader(cos_env).delete_policies(name)  # else COS keeps the bucket
                empty_and_delete(s3, name)
            except Exception:  # pylint: disable=broad-except
                pass
