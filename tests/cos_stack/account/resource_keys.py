"""Resource Controller v2 resource keys (LEDGER.md RCK-*): create, list, get, delete."""

import uuid

from werkzeug.wrappers import Response

from ..web.replies import json_reply
from .common import ApiError, caller, json_body
from .store import now

# The COS service roles a key may carry (cloud-object-storage/iam.md), as names or role CRNs.
COS_ROLES = ("Reader", "Writer", "Manager", "Content Reader", "Object Reader", "Object Writer")
REDACTED = {"REDACTED": "REDACTED"}


def _role_crn(role):
    if role.startswith("crn:"):
        name = role.rsplit(":", 1)[-1]
        if role.startswith(("crn:v1:bluemix:public:iam::::serviceRole:",
                            "crn:v1:bluemix:public:cloud-object-storage::::serviceRole:")) and name:
            return role
        raise ApiError(400, "RC-RoleNotFound", f"Role {role} was not found.")
    if role not in COS_ROLES:
        raise ApiError(400, "RC-RoleNotFound", f"Role {role!r} is not a role of this service; "
                                               f"one of {', '.join(COS_ROLES)}.")
    if role in ("Reader", "Writer", "Manager"):
        return "crn:v1:bluemix:public:iam::::serviceRole:" + role
    return "crn:v1:bluemix:public:cloud-object-storage::::serviceRole:" + role.replace(" ", "")


# ledger: RCK-01 RCK-04
def create_key(request, state, store):
    principal = caller(request, state)
    body = json_body(request)
    name, source = body.get("name"), body.get("source")
    if not isinstance(name, str) or not name.strip():
        raise ApiError(400, "RC-BadRequest", "name is required.")
    if not source:
        raise ApiError(400, "RC-BadRequest", "source is required.")
    parameters = body.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise ApiError(400, "RC-BadRequest", "parameters must be an object.")
    role_crn = _role_crn(body.get("role") or "Manager")
    with store.lock:
        instance = store.instance_by_id(source) or _seeded_instance(state, store, source)
        if instance is None:
            raise ApiError(400, "RC-SourceNotFound", f"Source {source} was not found.")
        apikey, iam_id, hmac_pair = store.add_key_identity(instance["guid"], bool(parameters.get("HMAC")))
        guid = str(uuid.uuid4())
        account = store.account_id
        credentials = {
            "apikey": apikey,
            "endpoints": f"https://127.0.0.1:{state.port_base}/v2/endpoints",
            "iam_apikey_description": f"Auto-generated for key {guid}",
            "iam_apikey_id": "ApiKey-" + str(uuid.uuid4()),
            "iam_apikey_name": name,
            "iam_role_crn": role_crn,
            "iam_serviceid_crn": f"crn:v1:bluemix:public:iam-identity::a/{account}::serviceid:"
                                 f"{iam_id.removeprefix('iam-')}",
            "resource_instance_id": instance["crn"],
        }
        if hmac_pair:
            credentials["cos_hmac_keys"] = hmac_pair
        stamp = now()
        document = {
            "id": f"crn:v1:bluemix:public:cloud-object-storage:global:a/{account}:{instance['guid']}:"
                  f"resource-key:{guid}",
            "guid": guid, "url": f"/v2/resource_keys/{guid}", "created_at": stamp, "updated_at": stamp,
            "deleted_at": None, "created_by": principal.iam_id, "name": name, "source_crn": instance["crn"],
            "state": "active", "account_id": account, "resource_group_id": instance["resource_group_id"],
            "resource_id": instance["resource_id"], "iam_compatible": True, "onetime_credentials": False,
            "credentials": credentials, "migrated": False,
            "resource_instance_url": f"/v2/resource_instances/{instance['guid']}",
        }
        document["crn"] = document["id"]
        store.keys[guid] = document
        return json_reply(document, status=201)


# ledger: RCK-07
def _seeded_instance(state, store, source):
    """The stack's configured instance is a Resource Controller instance too (LEDGER.md RCK-07)."""
    guid = state.instance_guid(source)
    if guid is None:
        return None
    account = store.account_id
    return {"guid": guid, "crn": f"crn:v1:bluemix:public:cloud-object-storage:global:a/{account}:{guid}::",
            "resource_group_id": next(iter(store.groups)), "resource_id": "dff97f5c-bc5e-4455-b470-411c3edbe49c"}


# ledger: RCK-02
def _listed(document):
    return dict(document, credentials=REDACTED)


# ledger: RCK-05
def list_keys(request, state, store, instance_id=None):
    caller(request, state)
    with store.lock:
        keys = [k for k in store.keys.values() if k["state"] == "active"]
        if instance_id is not None:
            instance = store.instance_by_id(instance_id) or _seeded_instance(state, store, instance_id)
            if instance is None:
                raise ApiError(404, "RC-ResourceInstanceNotFound", f"Instance {instance_id} was not found.")
            keys = [k for k in keys if k["source_crn"] == instance["crn"]]
        for field in ("guid", "name", "resource_group_id", "resource_id"):
            if request.args.get(field):
                keys = [k for k in keys if k.get(field) == request.args[field]]
        keys.sort(key=lambda k: k["created_at"])
        return json_reply({"rows_count": len(keys), "next_url": None, "resources": [_listed(k) for k in keys]})


def _key(store, key_id):
    for guid, document in store.keys.items():
        if key_id in (guid, document["crn"]) and document["state"] == "active":
            return document
    raise ApiError(404, "RC-ResourceKeyNotFound", f"Resource key {key_id} was not found.")


def get_key(request, state, store, key_id):
    caller(request, state)
    with store.lock:
        return json_reply(_key(store, key_id))


# ledger: RCK-03
def delete_key(request, state, store, key_id):
    principal = caller(request, state)
    with store.lock:
        document = _key(store, key_id)
        document.update(state="removed", deleted_at=now(), deleted_by=principal.iam_id)
        store.remove_key_identity(document["credentials"])
    return Response(status=204)
