"""IAM Policy Management v1: /v1/policies for `type: authorization` and `access` (LEDGER.md POL-*)."""

import uuid

from werkzeug.wrappers import Response

from ..web.replies import json_reply
from .common import ApiError, caller, json_body
from .store import now

# ledger: POL-06
ROLE_PREFIXES = ("crn:v1:bluemix:public:iam::::serviceRole:", "crn:v1:bluemix:public:iam::::role:",
                 "crn:v1:bluemix:public:cloud-object-storage::::serviceRole:",
                 "crn:v1:bluemix:public:kms::::serviceRole:", "crn:v1:bluemix:public:hs-crypto::::serviceRole:")


def _attributes(entry, where):
    attributes = entry.get("attributes") if isinstance(entry, dict) else None
    if not isinstance(attributes, list) or not attributes:
        raise ApiError(400, "invalid_body", f"{where} needs a non-empty attributes list.")
    found = {}
    for attribute in attributes:
        if not isinstance(attribute, dict) or not attribute.get("name") or "value" not in attribute:
            raise ApiError(400, "invalid_body", f"Every attribute of {where} needs name and value.")
        found[attribute["name"]] = attribute["value"]
    return found


def canonical(body):
    """The content that makes two policies the same: type, subjects, roles, resources."""
    def attrs(entries):
        return tuple(sorted(tuple(sorted((a["name"], str(a.get("operator", "stringEquals")), str(a["value"]))
                                         for a in entry["attributes"])) for entry in entries))
    return (body["type"], attrs(body["subjects"]), attrs(body["resources"]),
            tuple(sorted(r["role_id"] for r in body["roles"])))


# ledger: POL-04
def _validate(body, account_id):
    if body.get("type") not in ("authorization", "access"):
        raise ApiError(400, "invalid_body", "type must be 'authorization' or 'access'.")
    for field in ("subjects", "roles", "resources"):
        if not isinstance(body.get(field), list) or not body[field]:
            raise ApiError(400, "invalid_body", f"{field} must be a non-empty list.")
    for index, role in enumerate(body["roles"]):
        role_id = role.get("role_id") if isinstance(role, dict) else None
        if not role_id or not role_id.startswith(ROLE_PREFIXES):
            raise ApiError(400, "invalid_body", f"roles[{index}].role_id {role_id!r} is not a role CRN.")
    for index, subject in enumerate(body["subjects"]):
        attributes = _attributes(subject, f"subjects[{index}]")
        if body["type"] == "authorization" and "serviceName" not in attributes:
            raise ApiError(400, "invalid_body", "An authorization policy's subject needs serviceName.")
        if attributes.get("accountId", account_id) != account_id:
            raise ApiError(403, "forbidden", "The subject's accountId is not the caller's account.")
    for index, resource in enumerate(body["resources"]):
        attributes = _attributes(resource, f"resources[{index}]")
        if attributes.get("accountId") != account_id:
            raise ApiError(400, "invalid_body", f"resources[{index}] needs accountId {account_id}.")


# ledger: POL-01 POL-02
def create_policy(request, state, store):
    principal = caller(request, state)
    body = json_body(request)
    _validate(body, store.account_id)
    key = canonical(body)
    with store.lock:
        for existing in store.policies.values():
            if canonical(existing) == key:
                raise ApiError(409, "policy_conflict_error", "Failed to create policy.",
                               conflicts_with={"etag": existing["etag"], "policy": existing})
        policy_id = str(uuid.uuid4())
        stamp = now()
        document = {
            "id": policy_id, "type": body["type"], "description": body.get("description", ""),
            "subjects": body["subjects"],
            "roles": [{"role_id": r["role_id"], "display_name": r["role_id"].rsplit(":", 1)[-1]}
                      for r in body["roles"]],
            "resources": body["resources"], "href": f"/v1/policies/{policy_id}", "created_at": stamp,
            "created_by_id": principal.iam_id, "last_modified_at": stamp,
            "last_modified_by_id": principal.iam_id, "state": "active", "etag": "1-" + uuid.uuid4().hex,
        }
        store.policies[policy_id] = document
    return json_reply(document, status=201, headers={"ETag": document["etag"]})


# ledger: POL-03
def list_policies(request, state, store):
    caller(request, state)
    account = request.args.get("account_id")
    if not account:
        raise ApiError(400, "invalid_parameter", "account_id is required.")
    with store.lock:
        found = [p for p in store.policies.values() if account == store.account_id and p["state"] == "active"]
    if request.args.get("type"):
        found = [p for p in found if p["type"] == request.args["type"]]
    found.sort(key=lambda p: p["created_at"])
    return json_reply({"policies": found})


def _policy(store, policy_id):
    document = store.policies.get(policy_id)
    if document is None or document["state"] != "active":
        raise ApiError(404, "policy_not_found", f"Policy {policy_id} was not found.")
    return document


# ledger: POL-05
def get_policy(request, state, store, policy_id):
    caller(request, state)
    with store.lock:
        document = _policy(store, policy_id)
        return json_reply(document, headers={"ETag": document["etag"]})


# ledger: POL-05
def delete_policy(request, state, store, policy_id):
    caller(request, state)
    with store.lock:
        _policy(store, policy_id)["state"] = "deleted"
    return Response(status=204)
