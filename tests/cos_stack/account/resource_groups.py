"""Resource Manager v2: GET /v2/resource_groups and GET /v2/resource_groups/{id} (LEDGER.md RMG-*)."""

from ..web.replies import json_reply
from .common import ApiError, caller


# ledger: RMG-01
def list_groups(request, state, store):
    caller(request, state)
    account = request.args.get("account_id")
    if account and account != store.account_id:
        raise ApiError(403, "Forbidden", "The caller has no access to account " + account + ".")
    groups = list(store.groups.values())
    if request.args.get("name"):
        groups = [g for g in groups if g["name"] == request.args["name"]]
    if request.args.get("default") in ("true", "True"):
        groups = [g for g in groups if g["default"]]
    return json_reply({"resources": groups})


# ledger: RMG-02
def get_group(request, state, store, group_id):
    caller(request, state)
    group = store.groups.get(group_id)
    if group is None:
        raise ApiError(404, "NotFound", f"Resource group {group_id} was not found.")
    return json_reply(group)
