# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The backup calls of the Resource Configuration API (the paths and bodies of the official
`ibm-cos-sdk-config` models): vaults, backup policies, recovery ranges and restores.

It rides on the bucket ConfigApi client (its HTTP session, IAM token, TLS settings and timeout), so
a module that also reads a bucket's configuration makes one token exchange and one connection pool.
"""
from __future__ import annotations

from urllib.parse import quote

from ansible_collections.ibm.cos.plugins.module_utils._config_api import _error_text


class BackupApiError(Exception):
    """The API answered an error status; `what` names the vault, policy or restore asked about."""

    def __init__(self, status: int, message: str, what: str):
        super().__init__(message)
        self.status = status
        self.what = what


def _part(name: str) -> str:
    return quote(str(name), safe="")


class BackupApi:
    def __init__(self, config_api):
        self.config_api = config_api

    def _call(self, method: str, path: str, what: str, body=None, params=None, headers=None):
        api = self.config_api
        sent = {"Accept": "application/json", "Authorization": "Bearer " + api.token.get_token()}
        sent.update(headers or {})
        response = api.session.request(method, api.base_url + path, headers=sent, json=body, params=params,
                                       verify=api.verify, timeout=api.timeout)
        if response.status_code >= 300:
            raise BackupApiError(response.status_code, _error_text(response), what)
        return response

    def _json(self, *args, **kwargs):
        response = self._call(*args, **kwargs)
        return response.json() if response.content else {}

    def _all_pages(self, path: str, what: str, items: str, params: dict) -> list:
        """The `items` of every page of a list: each page but the last names the next in `next.token`."""
        found = []
        while True:
            page = self._json("GET", path, what, params=params)
            found.extend(page.get(items) or [])
            token = (page.get("next") or {}).get("token")
            if not token:
                return found
            params = dict(params, token=token)

    # -- vaults --
    def list_vault_crns(self, instance: str) -> list:
        return self._all_pages("/backup_vaults", "the backup vault list", "backup_vaults",
                               {"service_instance_id": instance})

    def get_vault(self, name: str):
        """(vault document, ETag), or (None, None) when there is no such vault."""
        try:
            response = self._call("GET", "/backup_vaults/" + _part(name), f"backup vault {name!r}")
        except BackupApiError as exc:
            if exc.status == 404:
                return None, None
            raise
        return response.json(), response.headers.get("ETag")

    def create_vault(self, instance: str, body: dict) -> dict:
        return self._json("POST", "/backup_vaults", f"backup vault {body['backup_vault_name']!r}",
                          body=body, params={"service_instance_id": instance})

    def patch_vault(self, name: str, patch: dict, etag=None) -> dict:
        headers = {"Content-Type": "application/merge-patch+json"}
        if etag:
            headers["If-Match"] = etag
        return self._json("PATCH", "/backup_vaults/" + _part(name), f"backup vault {name!r}", body=patch,
                          headers=headers)

    def delete_vault(self, name: str):
        self._call("DELETE", "/backup_vaults/" + _part(name), f"backup vault {name!r}")

    # -- backup policies --
    def list_policies(self, bucket: str) -> list:
        path = f"/buckets/{_part(bucket)}/backup_policies"
        return self._json("GET", path, f"the backup policies of bucket {bucket!r}").get("backup_policies") or []

    def create_policy(self, bucket: str, body: dict) -> dict:
        return self._json("POST", f"/buckets/{_part(bucket)}/backup_policies",
                          f"backup policy {body['policy_name']!r} of bucket {bucket!r}", body=body)

    def delete_policy(self, bucket: str, policy: dict):
        self._call("DELETE", f"/buckets/{_part(bucket)}/backup_policies/{_part(policy['policy_id'])}",
                   f"backup policy {policy.get('policy_name')!r} of bucket {bucket!r}")

    # -- recovery ranges --
    def list_ranges(self, vault: str, source_crn=None) -> list:
        return self._all_pages(f"/backup_vaults/{_part(vault)}/recovery_ranges",
                               f"the recovery ranges of backup vault {vault!r}", "recovery_ranges",
                               {"source_resource_crn": source_crn} if source_crn else {})

    def patch_range(self, vault: str, range_id: str, delete_after_days: int) -> dict:
        return self._json("PATCH", f"/backup_vaults/{_part(vault)}/recovery_ranges/{_part(range_id)}",
                          f"recovery range {range_id!r}", body={"retention": {"delete_after_days": delete_after_days}},
                          headers={"Content-Type": "application/merge-patch+json"})

    # -- restores --
    def list_restores(self, vault: str) -> list:
        return self._all_pages(f"/backup_vaults/{_part(vault)}/restores",
                               f"the restores of backup vault {vault!r}", "restores", {})

    def get_restore(self, vault: str, restore_id: str) -> dict:
        return self._json("GET", f"/backup_vaults/{_part(vault)}/restores/{_part(restore_id)}",
                          f"restore {restore_id!r}")

    def create_restore(self, vault: str, body: dict) -> dict:
        return self._json("POST", f"/backup_vaults/{_part(vault)}/restores",
                          f"a restore from backup vault {vault!r}", body=body)
