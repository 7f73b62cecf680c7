"""A plain requests client for the backup calls of the Resource Configuration API, as the
official SDK sends them (paths, query parameters and bodies of ibm-cos-sdk-config 2.x)."""

import datetime
import time

import pytest
import requests

from cos_clients import iam_token


def api_time(moment):
    moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class BackupClient:
    def __init__(self, env, token):
        self.base = env["IBM_COS_CONFIG_ENDPOINT"].rstrip("/")
        self.instance = env["IBM_COS_INSTANCE_CRN"]
        self.verify = env.get("IBM_COS_CA_BUNDLE") or True
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def call(self, method, path, **kwargs):
        return self.session.request(method, self.base + path, verify=self.verify, timeout=10, **kwargs)

    # vaults
    def create_vault(self, name, region="us-south", **extra):
        return self.call("POST", "/backup_vaults", params={"service_instance_id": self.instance},
                         json={"backup_vault_name": name, "region": region, **extra})

    def list_vaults(self, **kwargs):
        return self.call("GET", "/backup_vaults", **kwargs)

    def get_vault(self, name):
        return self.call("GET", f"/backup_vaults/{name}")

    def patch_vault(self, name, patch, etag=None):
        headers = {"Content-Type": "application/merge-patch+json"}
        if etag:
            headers["If-Match"] = etag
        return self.call("PATCH", f"/backup_vaults/{name}", json=patch, headers=headers)

    def delete_vault(self, name):
        return self.call("DELETE", f"/backup_vaults/{name}")

    # policies
    def create_policy(self, bucket, name, vault_crn, days=7, backup_type="continuous"):
        return self.call("POST", f"/buckets/{bucket}/backup_policies", json={
            "policy_name": name, "target_backup_vault_crn": vault_crn, "backup_type": backup_type,
            "initial_retention": {"delete_after_days": days}})

    def list_policies(self, bucket):
        return self.call("GET", f"/buckets/{bucket}/backup_policies")

    def delete_policy(self, bucket, policy_id):
        return self.call("DELETE", f"/buckets/{bucket}/backup_policies/{policy_id}")

    def _poll(self, path, status, progress, final, timeout):
        """GET `path` until its `status` field is one of `final`: (last answer, every
        (status, progress) seen). Fails the test with the last few when `timeout` runs out."""
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            answer = self.call("GET", path).json()
            seen.append((answer[status], answer.get(progress)))
            if answer[status] in final:
                return answer, seen
            time.sleep(0.05)
        raise AssertionError(f"{path} never reached {'/'.join(final)}: {seen[-5:]}")

    def wait_active(self, bucket, policy_id, timeout=15):
        return self._poll(f"/buckets/{bucket}/backup_policies/{policy_id}", "policy_status",
                          "initial_sync_progress", ("active",), timeout)[1]

    # recovery ranges
    def list_ranges(self, vault, **params):
        return self.call("GET", f"/backup_vaults/{vault}/recovery_ranges", params=params)

    def patch_range(self, vault, range_id, body):
        return self.call("PATCH", f"/backup_vaults/{vault}/recovery_ranges/{range_id}", json=body,
                         headers={"Content-Type": "application/merge-patch+json"})

    # restores
    def create_restore(self, vault, range_id, moment, target_crn, restore_type="in_place"):
        return self.call("POST", f"/backup_vaults/{vault}/restores", json={
            "recovery_range_id": range_id, "restore_type": restore_type,
            "restore_point_in_time": moment if isinstance(moment, str) else api_time(moment),
            "target_resource_crn": target_crn})

    def get_restore(self, vault, restore_id):
        return self.call("GET", f"/backup_vaults/{vault}/restores/{restore_id}")

    def wait_restore(self, vault, restore_id, timeout=15):
        return self._poll(f"/backup_vaults/{vault}/restores/{restore_id}", "restore_status",
                          "restore_percent_progress", ("complete", "failed"), timeout)


# The fixture the backup contract tests share (imported by name into each test module).
@pytest.fixture(scope="module")
def api(env):
    return BackupClient(env, iam_token(env))
