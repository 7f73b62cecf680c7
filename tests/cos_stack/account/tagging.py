"""Global Search and Tagging v3 user tags on the stack's instances (LEDGER.md GT-*)."""

from ..web.replies import json_reply
from .common import ApiError, caller, json_body


# ledger: GT-01
def list_tags(request, state, store):
    caller(request, state)
    crn = request.args.get("attached_to")
    if not crn:
        raise ApiError(400, "BadRequest", "attached_to is required here.")
    with store.lock:
        names = list(store.tags.get(crn, []))
    return json_reply({"total_count": len(names), "offset": 0, "limit": 1000,
                       "items": [{"name": name} for name in names]})


# ledger: GT-01
def change_tags(request, state, store, attach):
    caller(request, state)
    body = json_body(request)
    names = body.get("tag_names") or ([body["tag_name"]] if body.get("tag_name") else [])
    resources = body.get("resources")
    if not names or not isinstance(resources, list) or not resources:
        raise ApiError(400, "BadRequest", "resources and tag_names are required.")
    results = []
    with store.lock:
        for resource in resources:
            crn = resource.get("resource_id") if isinstance(resource, dict) else None
            if store.instance_by_id(crn) is None:
                results.append({"resource_id": crn, "is_error": True})
                continue
            current = set(store.tags.get(crn, []))
            current = current | set(names) if attach else current - set(names)
            store.tags[crn] = sorted(current)
            results.append({"resource_id": crn, "is_error": False})
    return json_reply({"results": results})
