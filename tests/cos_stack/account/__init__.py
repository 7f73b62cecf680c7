"""The account APIs a COS set-up needs before its first bucket, on the stack's control port:
Resource Controller instances and keys, Resource Manager groups, IAM authorization policies and
Global Tagging user tags. `route(request, state)` answers (op, handler) or (None, None); the
control port counts the op and applies faults as for every other call. LEDGER.md cites each rule."""

from functools import partial
from urllib.parse import unquote

from . import policies, resource_groups, resource_instances, resource_keys, tagging
from .common import answer, iam_policy_error, platform_error
from .store import store_for

# (method, path) -> (operation, handler). "{}" in a path stands for the rest of it up to the text after
# it: an ID, which may itself hold "/" (a CRN's "a/<account>"). The first match in this order wins.
# A handler takes (request, state, store, *IDs).
PLATFORM_ROUTES = (
    ("GET", "/v2/resource_instances", "ListResourceInstances", resource_instances.list_instances),
    ("POST", "/v2/resource_instances", "CreateResourceInstance", resource_instances.create_instance),
    ("GET", "/v2/resource_instances/{}/resource_keys", "ListResourceKeysForInstance", resource_keys.list_keys),
    ("GET", "/v2/resource_instances/{}", "GetResourceInstance", resource_instances.get_instance),
    ("PATCH", "/v2/resource_instances/{}", "UpdateResourceInstance", resource_instances.update_instance),
    ("DELETE", "/v2/resource_instances/{}", "DeleteResourceInstance", resource_instances.delete_instance),
    ("GET", "/v2/resource_keys", "ListResourceKeys", resource_keys.list_keys),
    ("POST", "/v2/resource_keys", "CreateResourceKey", resource_keys.create_key),
    ("GET", "/v2/resource_keys/{}", "GetResourceKey", resource_keys.get_key),
    ("DELETE", "/v2/resource_keys/{}", "DeleteResourceKey", resource_keys.delete_key),
    ("GET", "/v2/resource_groups", "ListResourceGroups", resource_groups.list_groups),
    ("GET", "/v2/resource_groups/{}", "GetResourceGroup", resource_groups.get_group),
    ("GET", "/v3/tags", "ListTags", tagging.list_tags),
    ("POST", "/v3/tags/attach", "AttachTag", partial(tagging.change_tags, attach=True)),
    ("POST", "/v3/tags/detach", "DetachTag", partial(tagging.change_tags, attach=False)),
)
POLICY_ROUTES = (
    ("GET", "/v1/policies", "ListPolicies", policies.list_policies),
    ("POST", "/v1/policies", "CreatePolicy", policies.create_policy),
    ("GET", "/v1/policies/{}", "GetPolicy", policies.get_policy),
    ("DELETE", "/v1/policies/{}", "DeletePolicy", policies.delete_policy),
)


def _ids(pattern, path):
    """The IDs `path` gives the pattern's "{}", as a tuple; None when it does not match."""
    head, hole, tail = pattern.partition("{}")
    if not hole:
        return () if path == pattern else None
    if not path.startswith(head) or not path.endswith(tail):
        return None
    return (unquote(path[:len(path) - len(tail)][len(head):].strip("/")),)


def _find(routes, method, path):
    for route_method, pattern, op, handler in routes:
        ids = _ids(pattern, path) if route_method == method else None
        if ids is not None:
            return op, handler, ids
    return None


# ledger: ACCT-01
def route(request, state):
    """(operation name, handler) for an account API request, else (None, None)."""
    path, method = request.path, request.method
    if not path.startswith(("/v2/resource_", "/v3/tags", "/v1/policies")):
        return None, None
    store = store_for(state)
    for routes, error_shape in ((PLATFORM_ROUTES, platform_error), (POLICY_ROUTES, iam_policy_error)):
        found = _find(routes, method, path)
        if found:
            op, handler, ids = found
            return op, answer(partial(handler, request, state, store, *ids), error_shape)
    return None, None


def environment(control_url):
    """The env file's lines for the account APIs: every one is on the control port."""
    return {
        "IBM_RESOURCE_CONTROLLER_ENDPOINT": control_url,
        "IBM_RESOURCE_MANAGER_ENDPOINT": control_url,
        "IBM_IAM_POLICY_ENDPOINT": control_url,
        "IBM_GLOBAL_TAGGING_ENDPOINT": control_url,
    }
