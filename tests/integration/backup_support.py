"""What the backup integration tests share: reading what COS holds (independently of the collection's
code), running module steps with the stack's counters read after each, and stacks of their own."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import requests

from cos_stack.admin import writes
from cos_stack.backup import backup_writes

sys.path.append(str(Path(__file__).resolve().parents[1] / "contract"))
from private_stack import PrivateStack  # noqa: E402  pylint: disable=wrong-import-position


class BackupReader:
    """Plain GETs of the backup API with a token of its own (never counted against a step)."""

    def __init__(self, env):
        self.env = env
        self.verify = env.get("IBM_COS_CA_BUNDLE") or True
        self.base = env["IBM_COS_CONFIG_ENDPOINT"].rstrip("/")
        token = requests.post(env["IBM_IAM_ENDPOINT"], data={
            "grant_type": "urn:ibm:params:oauth:grant-type:apikey", "apikey": env["IBMCLOUD_API_KEY"]},
            verify=self.verify, timeout=10).json()["access_token"]
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path, **params):
        return requests.get(self.base + path, headers=self.headers, params=params, verify=self.verify, timeout=10)

    def vault(self, name):
        response = self.get(f"/backup_vaults/{name}")
        return response.json() if response.status_code == 200 else None

    def policies(self, bucket):
        return self.get(f"/buckets/{bucket}/backup_policies").json()["backup_policies"]

    def ranges(self, vault):
        return self.get(f"/backup_vaults/{vault}/recovery_ranges").json()["recovery_ranges"]

    def delete_policies(self, bucket):
        """Teardown: a bucket with a backup policy cannot be deleted (bvm-configure.md)."""
        for policy in self.get(f"/buckets/{bucket}/backup_policies").json().get("backup_policies") or []:
            requests.delete(f"{self.base}/buckets/{bucket}/backup_policies/{policy['policy_id']}",
                            headers=self.headers, verify=self.verify, timeout=10)

    def restores(self, vault):
        return self.get(f"/backup_vaults/{vault}/restores").json()["restores"]


def counters_task(cos_env):
    url = cos_env["IBM_COS_STACK_ADMIN"] + "/counters"
    return {"ansible.builtin.set_fact": {"counters": "{{ lookup('ansible.builtin.url', '%s', ca_path='%s', "
                                                     "split_lines=False) | from_json }}"
                                         % (url, cos_env["IBM_COS_CA_BUNDLE"])}}


def all_writes(ops):
    return {**writes(ops), **backup_writes(ops)}


def run_steps(ansible, cos_env, stack, steps):
    """steps: [(module, args, task flags)] in one ansible run, the counters read after each.

    Returns [(result, ops of the step, writes of the step)]. The IAM exchange is left out of ops.
    """
    tasks = []
    for module, args, flags in steps:
        tasks += [dict({f"ibm.cos.{module}": args}, **flags), counters_task(cos_env)]
    stack.reset_counters()
    results = ansible.playbook(tasks)
    assert len(results) == 2 * len(steps), results
    counted, before = [], {}
    for index in range(0, len(results), 2):
        total = results[index + 1]["ansible_facts"]["counters"]["ops"]
        ops = {op: n - before.get(op, 0) for op, n in total.items() if n - before.get(op, 0) and op != "iam_token"}
        counted.append((results[index], ops, all_writes(ops)))
        before = total
    return counted


def empty_and_delete(s3, bucket):
    """Teardown of a bucket a test made besides its `bucket_name`: versions, markers, the bucket."""
    listing = s3.list_object_versions(Bucket=bucket)
    doomed = [{"Key": v["Key"], "VersionId": v["VersionId"]}
              for v in listing.get("Versions", []) + listing.get("DeleteMarkers", [])]
    if doomed:
        s3.delete_objects(Bucket=bucket, Delete={"Objects": doomed, "Quiet": True})
    s3.delete_bucket(Bucket=bucket)


@contextmanager
def stack_with(directory: Path, backup_config: dict, ansible=None):
    """A stack of the test's own, with `backup` settings (see tests/cos_stack/backup/LEDGER.md).

    With `ansible`, that runner talks to it, with a token cache of its own: a stack started later on
    the same ports would otherwise be handed the tokens this one issued.
    """
    if ansible is not None:
        ansible.token_cache_dir = directory / "token-cache"
    config = directory / "config.json"
    config.write_text(json.dumps({"backup": backup_config}))
    with PrivateStack(directory / "stack", config=config).running() as env:
        if ansible is not None:
            ansible.cos_env = env
        yield env
