# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A bucket's backup policy. COS can create, read and delete one, never update it
(bvm-configure.md "Updating a backup policy"): a different policy is deleted and created again,
which starts a new recovery range, so that happens only with `replace`."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils.backup._base import BackupResource, Failure

MAX_POLICIES = 3  # bvm-configure.md: at most three per bucket, each to its own vault
SETTLED = ("active", "action_needed", "degraded", "failed")
TROUBLE = ("action_needed", "degraded", "failed")


def policy_summary(policy: dict) -> dict:
    keys = ("policy_name", "policy_id", "policy_status", "initial_sync_progress", "error_cause",
            "target_backup_vault_crn", "backup_type", "initial_retention")
    return {key: policy[key] for key in keys if key in policy}


class BackupPolicy(BackupResource):
    def desired(self, vault_crn: str) -> dict:
        return {"policy_name": self.params["name"], "target_backup_vault_crn": vault_crn,
                "backup_type": self.params["backup_type"],
                "initial_retention": {"delete_after_days": self.params["delete_after_days"]}}

    def vault_crn(self) -> str:
        if self.params["vault_crn"]:
            return self.params["vault_crn"]
        vault = self.api.get_vault(self.params["vault"])[0]
        if vault is None:
            raise Failure(f"backup vault {self.params['vault']!r} does not exist; create it first "
                          "(ibm.cos.cos_backup_vault)")
        return vault["crn"]

    @staticmethod
    def differences(current: dict, desired: dict) -> list:
        found = []
        for key in ("target_backup_vault_crn", "backup_type", "initial_retention"):
            if current.get(key) != desired[key]:
                found.append(f"{key} is {current.get(key)!r}, the task wants {desired[key]!r}")
        return found

    def present(self):
        bucket, name = self.params["bucket"], self.params["name"]
        policies = self.api.list_policies(bucket)
        mine = next((p for p in policies if p.get("policy_name") == name), None)
        desired = self.desired(self.vault_crn())
        if mine is not None:
            differences = self.differences(mine, desired)
            if not differences:
                return mine, False
            if not self.params["replace"]:
                raise Failure(f"backup policy {name!r} of bucket {bucket!r} differs: {'; '.join(differences)}. "
                              "COS cannot change a backup policy: replacing it deletes it and creates a new one, "
                              "which starts a new recovery range, so backup coverage restarts from now (the old "
                              "range stays in its vault until its retention passes). Set replace: true to do that",
                              policy=policy_summary(mine))
        self._refuse_what_cos_refuses(bucket, policies, mine, desired)
        self.before = policy_summary(mine) if mine else {}
        self.after = desired
        if mine is not None:
            self.write(self.api.delete_policy, bucket, mine)
        return self.write(self.api.create_policy, bucket, desired) or dict(desired, policy_status="pending"), bool(mine)

    def _refuse_what_cos_refuses(self, bucket, policies, mine, desired):
        others = [p for p in policies if p is not mine]
        same_vault = [p for p in others if p.get("target_backup_vault_crn") == desired["target_backup_vault_crn"]]
        if same_vault:
            raise Failure(f"bucket {bucket!r} already backs up into this vault through policy "
                          f"{same_vault[0].get('policy_name')!r}; COS allows one policy per vault and bucket")
        if len(others) >= MAX_POLICIES:
            raise Failure(f"bucket {bucket!r} already has {len(others)} backup policies "
                          f"({', '.join(repr(p.get('policy_name')) for p in others)}); COS allows {MAX_POLICIES}")
        versioning = self.bucket_versioning(bucket)
        if versioning != "Enabled":
            raise Failure(f"bucket {bucket!r} has versioning {versioning}; COS backs up only buckets with "
                          "versioning enabled: enable it first (ibm.cos.cos_bucket with versioning: true)")

    def absent(self):
        bucket, name = self.params["bucket"], self.params["name"]
        mine = next((p for p in self.api.list_policies(bucket) if p.get("policy_name") == name), None)
        if mine is None:
            return None
        self.before, self.after = policy_summary(mine), {}
        self.write(self.api.delete_policy, bucket, mine)
        return mine

    def wait_until_settled(self, policy: dict) -> tuple:
        """Follow the initial sync (pending -> initializing with progress -> active)."""
        bucket, name = self.params["bucket"], self.params["name"]

        def read():
            return next((p for p in self.api.list_policies(bucket) if p.get("policy_name") == name), {})

        return self.wait_for(read, lambda p: p.get("policy_status") in SETTLED or not p,
                             self.params["wait_timeout"], self.params["poll_interval"],
                             f"backup policy {name!r} of bucket {bucket!r} to finish its initial sync")

    def run(self) -> dict:
        """The policy as the task wants it, waited for with wait; warns when COS is not backing up."""
        found, replaced = None, False
        with self.errors(replaced=replaced):
            if self.params["state"] == "present":
                found, replaced = self.present()
                if self.params["wait"] and not self.check_mode:
                    found = self.wait_until_settled(found)[0] or found
                    if found.get("policy_status") == "failed":
                        raise Failure(f"backup policy {found.get('policy_name')!r} failed: "
                                      f"{found.get('error_cause') or 'no cause given'}; delete it and create it again",
                                      backup_policy=policy_summary(found))
            else:
                found = self.absent()
        if found and found.get("policy_status") in TROUBLE:
            self.warnings.append(f"backup policy {found.get('policy_name')!r} is {found['policy_status']}: "
                                 f"{found.get('error_cause') or 'COS is not backing the bucket up'}")
        extra = {"backup_policy": policy_summary(found)} if found else {}
        return self.result(replaced=replaced, **extra)
