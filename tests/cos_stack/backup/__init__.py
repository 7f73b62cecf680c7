"""Backup vaults, backup policies, recovery ranges and restores of the Resource Configuration API.

`route(request, state)` claims the backup paths on the control port and returns the
(counter op name, handler) pair the control app counts, faults and answers; None for other paths.
Calls are counted under the operation names of the official SDK (ibm-cos-sdk-config's
ResourceConfigurationV1 methods, CamelCase as in the Go SDK), per vault, or per bucket for policies.
"""

from .api import answer

# The calls that change something; cos_stack.admin.writes() knows the Create/Delete ones only.
WRITE_OPS = frozenset({"CreateBackupVault", "UpdateBackupVault", "DeleteBackupVault", "CreateBackupPolicy",
                       "DeleteBackupPolicy", "PatchSourceResourceRecoveryRange", "CreateRestore"})


def backup_writes(ops):
    """The backup write calls of an ops dict ({name: count}), zero counts dropped."""
    return {op: count for op, count in ops.items() if count and op in WRITE_OPS}

# (method, path pattern as a tuple of parts, '*' = a name) -> (op, BackupApi method)
ROUTES = {
    ("GET", ("backup_vaults",)): ("ListBackupVaults", "list_vaults"),
    ("POST", ("backup_vaults",)): ("CreateBackupVault", "create_vault"),
    ("GET", ("backup_vaults", "*")): ("GetBackupVault", "get_vault"),
    ("PATCH", ("backup_vaults", "*")): ("UpdateBackupVault", "patch_vault"),
    ("DELETE", ("backup_vaults", "*")): ("DeleteBackupVault", "delete_vault"),
    ("GET", ("backup_vaults", "*", "recovery_ranges")): ("ListRecoveryRanges", "list_ranges"),
    ("GET", ("backup_vaults", "*", "recovery_ranges", "*")): ("GetSourceResourceRecoveryRange", "get_range"),
    ("PATCH", ("backup_vaults", "*", "recovery_ranges", "*")): ("PatchSourceResourceRecoveryRange", "patch_range"),
    ("GET", ("backup_vaults", "*", "restores")): ("ListRestores", "list_restores"),
    ("POST", ("backup_vaults", "*", "restores")): ("CreateRestore", "create_restore"),
    ("GET", ("backup_vaults", "*", "restores", "*")): ("GetRestore", "get_restore"),
    ("GET", ("buckets", "*", "backup_policies")): ("ListBackupPolicies", "list_policies"),
    ("POST", ("buckets", "*", "backup_policies")): ("CreateBackupPolicy", "create_policy"),
    ("GET", ("buckets", "*", "backup_policies", "*")): ("GetBackupPolicy", "get_policy"),
    ("DELETE", ("buckets", "*", "backup_policies", "*")): ("DeleteBackupPolicy", "delete_policy"),
}


# ledger: BKP-07
def route(request, state):
    path = request.path
    if not path.startswith("/v1/"):
        return None
    parts = tuple(part for part in path[len("/v1/"):].split("/") if part)
    if not parts or parts[0] not in ("backup_vaults", "buckets"):
        return None
    shape = tuple("*" if index % 2 else part for index, part in enumerate(parts))
    found = ROUTES.get((request.method, shape))
    if found is None:
        return None
    op, action = found
    names = parts[1::2]

    def handler():
        return answer(request, state, action, *names)

    handler.bucket = names[0] if names else None
    return op, handler
