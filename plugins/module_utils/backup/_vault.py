# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A backup vault: created in a region with an optional root key; afterwards only activity tracking
and metrics change (BackupVaultPatch in ibm-cos-sdk-config); deleted only when empty."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils.backup._api import BackupApiError
from ansible_collections.ibm.cos.plugins.module_utils.backup._base import BackupResource, Failure
from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import bucket_of

# The option that holds each changeable section, and the one flag COS knows in it.
SETTINGS = {"activity_tracking": "management_events", "metrics_monitoring": "usage_metrics_enabled"}


def describe_range(found: dict) -> str:
    return (f"bucket {bucket_of(found.get('source_resource_crn', ''))!r} (policy {found.get('backup_policy_name')!r}, "
            f"{found.get('range_start_time')} to {found.get('range_end_time')}, kept "
            f"{(found.get('retention') or {}).get('delete_after_days')} days)")


class BackupVault(BackupResource):
    def desired_settings(self) -> dict:
        """The sections the task names, in the API's shape; a flag left out is false."""
        wanted = {}
        for section, flag in SETTINGS.items():
            if self.params[section] is not None:
                wanted[section] = {flag: bool(self.params[section].get(flag))}
        return wanted

    @staticmethod
    def current_settings(vault: dict) -> dict:
        return {section: {flag: bool((vault.get(section) or {}).get(flag))} for section, flag in SETTINGS.items()}

    def present(self):
        name = self.params["name"]
        vault, etag = self.api.get_vault(name)
        if vault is None:
            return self._create(name)
        self._refuse_fixed(vault)
        current = self.current_settings(vault)
        patch = {section: value for section, value in self.desired_settings().items() if current[section] != value}
        if not patch:
            return vault
        self.before = {section: current[section] for section in patch}
        self.after = patch
        return self.write(self.api.patch_vault, name, patch, etag) or dict(vault, **patch)

    def _create(self, name: str):
        region = self.params["region"]
        if not region:
            raise Failure(f"backup vault {name!r} does not exist; region is needed to create it")
        body = dict(backup_vault_name=name, region=region, **self.desired_settings())
        if self.params["key_protect_root_key_crn"]:
            body["sse_kp_customer_root_key_crn"] = self.params["key_protect_root_key_crn"]
        self.after = dict(body)
        return self.write(self.api.create_vault, self.instance(), body) or body

    def _refuse_fixed(self, vault: dict):
        """Region and root key are set at creation; COS has no call that changes them."""
        name, problems = self.params["name"], []
        if self.params["region"] and self.params["region"] != vault.get("region"):
            problems.append(f"region is {vault.get('region')!r}, the task wants {self.params['region']!r}")
        key = self.params["key_protect_root_key_crn"]
        current_key = vault.get("sse_kp_customer_root_key_crn") or ""
        if key is not None and key != current_key:
            problems.append(f"key_protect_root_key_crn is {current_key!r}, the task wants {key!r}")
        if problems:
            raise Failure(f"backup vault {name!r}: {'; '.join(problems)}. COS sets these only when a vault is "
                          "created; to change them, create a new vault and point the backup policies at it",
                          backup_vault=vault)

    def absent(self):
        name = self.params["name"]
        vault = self.api.get_vault(name)[0]
        if vault is None:
            return None
        ranges = self.api.list_ranges(name)
        self.before, self.after = {"backup_vault_name": name, "recovery_ranges": len(ranges)}, {}
        if ranges and not self.params["force"]:
            raise Failure(f"backup vault {name!r} is not empty: it holds {len(ranges)} recovery range(s): "
                          + "; ".join(describe_range(r) for r in ranges)
                          + ". COS deletes only an empty vault. force: true deletes the backup policies that "
                            "write into it and cuts each range's retention to 1 day, so COS can expire the data",
                          recovery_ranges=ranges)
        if ranges:
            self.warnings.append(f"backup vault {name!r} holds {len(ranges)} recovery range(s), which force gives up: "
                                 + "; ".join(describe_range(r) for r in ranges))
            self._empty(vault, ranges)
        try:
            self.write(self.api.delete_vault, name)
        except BackupApiError as exc:
            if exc.status != 409:
                raise
            raise Failure(f"backup vault {name!r}: the backup policies that wrote into it are deleted and its "
                          "recovery ranges now expire after 1 day, but COS keeps their data until then "
                          f"({exc}). Run the task again after that to delete the vault", recovery_ranges=ranges) from None
        return dict(vault, recovery_ranges=ranges)

    def _empty(self, vault: dict, ranges: list):
        """Stop new data (delete the policies that feed the vault), then let the data expire soonest."""
        for bucket in sorted({bucket_of(r.get("source_resource_crn", "")) for r in ranges}):
            for policy in self.api.list_policies(bucket):
                if policy.get("target_backup_vault_crn") == vault.get("crn"):
                    self.write(self.api.delete_policy, bucket, policy)
        for found in ranges:
            if (found.get("retention") or {}).get("delete_after_days") != 1:
                self.write(self.api.patch_range, vault["backup_vault_name"], found["recovery_range_id"], 1)

    def run(self) -> dict:
        """The task: the vault as the task wants it; returns the module's result."""
        with self.errors():
            found = self.present() if self.params["state"] == "present" else self.absent()
        extra = {}
        if found and "recovery_ranges" in found:
            extra["recovery_ranges"] = found.pop("recovery_ranges")
        if found:
            extra["backup_vault"] = found
        return self.result(**extra)
