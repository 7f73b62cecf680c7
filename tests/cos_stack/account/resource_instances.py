"""Resource Controller v2 service instances (LEDGER.md RCI-*): create, list, get, update, delete."""

import uuid
from urllib.parse import urlencode

from werkzeug.wrappers import Response

from ..web.replies import json_reply
from .common import ApiError, caller, json_body
from .store import COS_PLANS, COS_RESOURCE_ID, LITE_PLAN_ID, STANDARD_PLAN_ID, now

MAX_NAME = 180
LIST_FILTERS = ("guid", "name", "resource_group_id", "resource_id", "resource_plan_id", "type")


def _document(store, guid, name, group_id, plan_id, principal):
    account = store.account_id
    crn = f"crn:v1:bluemix:public:cloud-object-storage:global:a/{account}:{guid}::"
    stamp = now()
    return {
        "id": crn, "guid": guid, "url": f"/v2/resource_instances/{guid}", "created_at": stamp,
        "updated_at": stamp, "deleted_at": None, "created_by": principal.iam_id, "updated_by": "",
        "deleted_by": "", "name": name, "region_id": "global", "account_id": account,
        "resource_plan_id": plan_id, "resource_group_id": group_id,
        "resource_group_crn": store.groups[group_id]["crn"],
        "target_crn": f"crn:v1:bluemix:public:resource-catalog::a/9e16d1fed8aa7e1bd73e7a9d23434a5a::"
                      f"deployment:{plan_id}%3Aglobal",
        "crn": crn, "state": "active", "type": "service_instance", "resource_id": COS_RESOURCE_ID,
        "allow_cleanup": False, "locked": False, "last_operation": None, "parameters": {},
        "resource_keys_url": f"/v2/resource_instances/{guid}/resource_keys",
        "plan_history": [{"resource_plan_id": plan_id, "start_date": stamp}], "migrated": False,
        "controlled_by": "",
    }


# ledger: RCI-01 RCI-02 RCI-03 RCI-04 RCI-05 RCI-06 GT-02
def create_instance(request, state, store):
    principal = caller(request, state)
    body = json_body(request)
    name = body.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        raise ApiError(400, "RC-BadRequest", f"name is required and must be 1 to {MAX_NAME} characters.")
    for field in ("target", "resource_group", "resource_plan_id"):
        if not body.get(field):
            raise ApiError(400, "RC-BadRequest", f"{field} is required.")
    plan_id = body["resource_plan_id"]
    if plan_id not in COS_PLANS:
        raise ApiError(400, "RC-PlanNotFound", f"The plan {plan_id} was not found in the catalog.")
    if body["target"] != "global":
        raise ApiError(400, "RC-TargetNotFound", f"Cloud Object Storage deploys to target 'global', "
                                                 f"not {body['target']!r}.")
    group_id = body["resource_group"]
    if group_id not in store.groups:
        raise ApiError(400, "RC-ResourceGroupNotFound", f"Resource group {group_id} was not found.")
    with store.lock:
        if plan_id == LITE_PLAN_ID and any(i["resource_plan_id"] == LITE_PLAN_ID and i["state"] == "active"
                                           for i in store.instances.values()):
            raise ApiError(400, "RC-LiteInstanceLimit", "An account can have only one Lite plan instance of "
                                                        "Cloud Object Storage.")
        guid = str(uuid.uuid4())
        document = _document(store, guid, name, group_id, plan_id, principal)
        store.instances[guid] = document
        store.tags[document["crn"]] = sorted(set(body.get("tags") or []))
        store.grant_instance(principal.iam_id, guid, name)
    return json_reply(document, status=201)


# ledger: RCI-07
def list_instances(request, state, store):
    caller(request, state)
    args = request.args
    try:
        limit = int(args.get("limit", 100))
        start = int(args.get("start", 0))
    except ValueError:
        raise ApiError(400, "RC-BadRequest", "limit and start must be whole numbers.") from None
    if not 1 <= limit <= 100:
        raise ApiError(400, "RC-BadRequest", "limit must be from 1 to 100.")
    with store.lock:
        found = [i for i in store.instances.values() if i["state"] == (args.get("state") or "active")]
    for field in LIST_FILTERS:
        if args.get(field):
            found = [i for i in found if i.get(field) == args[field]]
    found.sort(key=lambda i: i["created_at"])
    page = found[start:start + limit]
    next_url = None
    if start + limit < len(found):
        query = {k: args[k] for k in LIST_FILTERS if args.get(k)}
        next_url = "/v2/resource_instances?" + urlencode(dict(query, limit=limit, start=start + limit))
    return json_reply({"rows_count": len(page), "next_url": next_url, "resources": page})


def _live(store, instance_id):
    document = store.instance_by_id(instance_id)
    if document is None:
        raise ApiError(404, "RC-ResourceInstanceNotFound", f"Instance {instance_id} was not found.")
    return document


def get_instance(request, state, store, instance_id):
    caller(request, state)
    with store.lock:
        return json_reply(_live(store, instance_id))


# ledger: RCI-08
def update_instance(request, state, store, instance_id):
    principal = caller(request, state)
    body = json_body(request)
    unknown = set(body) - {"name", "parameters", "resource_plan_id", "allow_cleanup"}
    if unknown:
        raise ApiError(400, "RC-BadRequest", f"Unknown fields: {sorted(unknown)}.")
    with store.lock:
        document = _live(store, instance_id)
        plan_id = body.get("resource_plan_id")
        if plan_id and plan_id != document["resource_plan_id"]:
            if plan_id not in COS_PLANS:
                raise ApiError(400, "RC-PlanNotFound", f"The plan {plan_id} was not found in the catalog.")
            if (document["resource_plan_id"], plan_id) != (LITE_PLAN_ID, STANDARD_PLAN_ID):
                raise ApiError(400, "RC-PlanChangeNotSupported",
                               f"Changing the plan from {COS_PLANS[document['resource_plan_id']]} to "
                               f"{COS_PLANS[plan_id]} is not supported; only lite to standard is.")
            document["resource_plan_id"] = plan_id
            document["plan_history"].append({"resource_plan_id": plan_id, "start_date": now()})
        if body.get("name"):
            document["name"] = body["name"]
        if "allow_cleanup" in body:
            document["allow_cleanup"] = bool(body["allow_cleanup"])
        document["updated_at"], document["updated_by"] = now(), principal.iam_id
        return json_reply(document)


# ledger: RCI-09
def delete_instance(request, state, store, instance_id):
    principal = caller(request, state)
    recursive = request.args.get("recursive") in ("true", "True")
    with store.lock:
        document = _live(store, instance_id)
        keys = [k for k in store.keys.values() if k["source_crn"] == document["crn"] and k["state"] == "active"]
        if keys and not recursive:
            raise ApiError(400, "RC-ResourceInstanceHasKeys", f"Instance {instance_id} has resource keys; "
                                                              "delete them first or use recursive=true.")
        for key in keys:
            key.update(state="removed", deleted_at=now(), deleted_by=principal.iam_id)
            store.remove_key_identity(key["credentials"])
        document.update(state="removed", deleted_at=now(), deleted_by=principal.iam_id)
        store.revoke_instance(document["guid"])
    return Response(status=202)
