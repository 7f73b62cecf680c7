"""Backup vaults, backup policies, recovery ranges and restores of the Resource Configuration API.

`route(request, state)` claims the backup paths on the control port and returns the
(counter op name, handler) pair the control app counts, faults and answers; None for other paths.
Op names: backup_vault_{list,create,get,patch,delete}, backup_policy_{list,create,get,delete},
recovery_range_{list,get,patch}, restore_{list,create,get}. Counters are kept per vault, or per
bucket for policies.
"""

from .api import answer

# (method, path pattern as a tuple of parts, '*' = a name) -> (op, BackupApi method)
ROUTES = {
    ("GET", ("backup_vaults",)): ("backup_vault_list", "list_vaults"),
    ("POST", ("backup_vaults",)): ("backup_vault_create", "create_vault"),
    ("GET", ("backup_vaults", "*")): ("backup_vault_get", "get_vault"),
    ("PATCH", ("backup_vaults", "*")): ("backup_vault_patch", "patch_vault"),
    ("DELETE", ("backup_vaults", "*")): ("backup_vault_delete", "delete_vault"),
    ("GET", ("backup_vaults", "*", "recovery_ranges")): ("recovery_range_list", "list_ranges"),
    ("GET", ("backup_vaults", "*", "recovery_ranges", "*")): ("recovery_range_get", "get_range"),
    ("PATCH", ("backup_vaults", "*", "recovery_ranges", "*")): ("recovery_range_patch", "patch_range"),
    ("GET", ("backup_vaults", "*", "restores")): ("restore_list", "list_restores"),
    ("POST", ("backup_vaults", "*", "restores")): ("restore_create", "create_restore"),
    ("GET", ("backup_vaults", "*", "restores", "*")): ("restore_get", "get_restore"),
    ("GET", ("buckets", "*", "backup_policies")): ("backup_policy_list", "list_policies"),
    ("POST", ("buckets", "*", "backup_policies")): ("backup_policy_create", "create_policy"),
    ("GET", ("buckets", "*", "backup_policies", "*")): ("backup_policy_get", "get_policy"),
    ("DELETE", ("buckets", "*", "backup_policies", "*")): ("backup_policy_delete", "delete_policy"),
}


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
