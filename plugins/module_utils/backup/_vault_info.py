# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading backup vaults (cos_backup_vault_info): the instance's vaults, and their recovery ranges."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel
from ansible_collections.ibm.cos.plugins.module_utils.backup._base import BackupResource


def found_and_missing(names, vaults, wanted):
    """(vault documents in name order, wanted names without one). A vault deleted between the listing
    and its GET has no document: it is missing, not silently dropped."""
    found = [vaults[name] for name in names if vaults[name] is not None]
    return found, sorted(set(wanted or []) - {name for name in names if vaults[name] is not None})


class VaultLister(BackupResource):
    def read(self) -> dict:
        names = sorted(crn.rsplit(":backup-vault:", 1)[-1] for crn in self.api.list_vault_crns(self.instance()))
        wanted = self.params["name"]
        if wanted:
            names = [name for name in names if name in set(wanted)]
        # Workers get the API client only; the first error comes back to this thread.
        vaults = run_parallel({name: (lambda n=name: self.api.get_vault(n)[0]) for name in names})
        found, missing = found_and_missing(names, vaults, wanted)
        if self.params["recovery_ranges"]:
            source = self.bucket_crn(self.params["bucket"]) if self.params["bucket"] else None
            ranges = run_parallel({v["backup_vault_name"]: (
                lambda n=v["backup_vault_name"]: self.api.list_ranges(n, source)) for v in found})
            for vault in found:
                vault["recovery_ranges"] = ranges[vault["backup_vault_name"]]
        return dict(backup_vaults=found, missing=missing)

    def run(self) -> dict:
        with self.errors():
            found = self.read()
        return dict(changed=False, **found)
