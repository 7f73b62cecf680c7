"""The account APIs a COS set-up needs before its first bucket, on the stack's control port:
Resource Controller instances and keys, Resource Manager groups, IAM authorization policies and
Global Tagging user tags. `route(request, state)` answers (op, handler) or (None, None); the
control port counts the op and applies faults as for every other call. LEDGER.md cites each rule."""

from urllib.parse import unquote

from . import policies, resource_groups, resource_instances, resource_keys, tagging
from .common import answer, iam_policy_error, platform_error
from .store import store_for


def _tail(path, prefix):
    return unquote(path[len(prefix):].strip("/"))


def _platform_routes(method, path, request, state, store):
    if path == "/v2/resource_instances":
        return {"GET": ("ListResourceInstances", lambda: resource_instances.list_instances(request, state, store)),
                "POST": ("CreateResourceInstance",
                         lambda: resource_instances.create_instance(request, state, store))}.get(method)
    if path.startswith("/v2/resource_instances/") and path.endswith("/resource_keys") and method == "GET":
        instance = _tail(path[:-len("/resource_keys")], "/v2/resource_instances/")
        return "ListResourceKeysForInstance", lambda: resource_keys.list_keys(request, state, store, instance)
    if path.startswith("/v2/resource_instances/"):
        instance = _tail(path, "/v2/resource_instances/")
        return {"GET": ("GetResourceInstance",
                        lambda: resource_instances.get_instance(request, state, store, instance)),
                "PATCH": ("UpdateResourceInstance",
                          lambda: resource_instances.update_instance(request, state, store, instance)),
                "DELETE": ("DeleteResourceInstance",
                           lambda: resource_instances.delete_instance(request, state, store, instance))}.get(method)
    if path == "/v2/resource_keys":
        return {"GET": ("ListResourceKeys", lambda: resource_keys.list_keys(request, state, store)),
                "POST": ("CreateResourceKey", lambda: resource_keys.create_key(request, state, store))}.get(method)
    if path.startswith("/v2/resource_keys/"):
        key = _tail(path, "/v2/resource_keys/")
        return {"GET": ("GetResourceKey", lambda: resource_keys.get_key(request, state, store, key)),
                "DELETE": ("DeleteResourceKey",
                           lambda: resource_keys.delete_key(request, state, store, key))}.get(method)
    if path == "/v2/resource_groups" and method == "GET":
        return "ListResourceGroups", lambda: resource_groups.list_groups(request, state, store)
    if path.startswith("/v2/resource_groups/") and method == "GET":
        group = _tail(path, "/v2/resource_groups/")
        return "GetResourceGroup", lambda: resource_groups.get_group(request, state, store, group)
    if path == "/v3/tags" and method == "GET":
        return "ListTags", lambda: tagging.list_tags(request, state, store)
    if path in ("/v3/tags/attach", "/v3/tags/detach") and method == "POST":
        attach = path.endswith("attach")
        return ("AttachTag" if attach else "DetachTag",
                lambda: tagging.change_tags(request, state, store, attach))
    return None


def _policy_routes(method, path, request, state, store):
    if path == "/v1/policies":
        return {"GET": ("ListPolicies", lambda: policies.list_policies(request, state, store)),
                "POST": ("CreatePolicy", lambda: policies.create_policy(request, state, store))}.get(method)
    if path.startswith("/v1/policies/"):
        policy = _tail(path, "/v1/policies/")
        return {"GET": ("GetPolicy", lambda: policies.get_policy(request, state, store, policy)),
                "DELETE": ("DeletePolicy", lambda: policies.delete_policy(request, state, store, policy))}.get(method)
    return None


# ledger: ACCT-01
def route(request, state):
    """(operation name, handler) for an account API request, else (None, None)."""
    path, method = request.path, request.method
    if not path.startswith(("/v2/resource_", "/v3/tags", "/v1/policies")):
        return None, None
    store = store_for(state)
    found = _platform_routes(method, path, request, state, store)
    if found:
        return found[0], answer(found[1], platform_error)
    found = _policy_routes(method, path, request, state, store)
    if found:
        return found[0], answer(found[1], iam_policy_error)
    return None, None


def environment(control_url):
    """The env file's lines for the account APIs: every one is on the control port."""
    return {
        "IBM_RESOURCE_CONTROLLER_ENDPOINT": control_url,
        "IBM_RESOURCE_MANAGER_ENDPOINT": control_url,
        "IBM_IAM_POLICY_ENDPOINT": control_url,
        "IBM_GLOBAL_TAGGING_ENDPOINT": control_url,
    }
