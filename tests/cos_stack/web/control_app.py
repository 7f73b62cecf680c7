"""The control port: IAM, the endpoints document, the Resource Configuration API and /_stack."""

from werkzeug.wrappers import Request

from .. import account
from ..admin.api import admin_api
from ..ibm.config_api import config_api
from ..ibm.endpoints_doc import endpoints_document
from ..ibm.iam import token_endpoint
from .replies import iam_error, ibm_error, json_reply
from .wsgi_util import apply_latency, drop_connection


def _fault_reply(op, status):
    if op == "iam_token":
        return iam_error(status, "BXNIM0503E" if status == 503 else "BXNIM0500E",
                         "Injected fault.")
    return ibm_error(status, {412: "PreconditionFailed", 500: "InternalError"}.get(status, "ServiceUnavailable"),
                     "Injected fault.")


class ControlApp:
    def __init__(self, state):
        self.state = state

    def __call__(self, environ, start_response):
        request = Request(environ)
        return self._respond(request)(environ, start_response)

    def _respond(self, request):
        path = request.path
        if path.startswith("/_stack/") or path == "/_stack":
            return admin_api(request, self.state, path[len("/_stack"):] or "/")
        op, handler = self._route(request)
        if op is None:
            return json_reply({"error": f"not found: {request.method} {path}"}, status=404)
        self.state.counters.count(op, getattr(handler, "bucket", None))
        firing = self.state.faults.fire(op, is_s3=False, bucket=getattr(handler, "bucket", None))
        apply_latency(firing)
        if firing.reset_connection:
            drop_connection(request.environ)
        if firing.status:
            return _fault_reply(op, firing.status)
        return handler()

    def _route(self, request):
        path, state = request.path, self.state
        # account APIs hook (tests/cos_stack/account): Resource Controller, Resource Manager, IAM policies, tags
        account_op, account_handler = account.route(request, state)
        if account_op:
            return account_op, account_handler
        if path == "/identity/token":
            return "iam_token", lambda: token_endpoint(request, state)
        if path == "/v2/endpoints" and request.method == "GET":
            return "endpoints_doc", lambda: json_reply(endpoints_document(state))
        if path.startswith("/v1/b/") and request.method in ("GET", "PATCH"):
            bucket = path[len("/v1/b/"):].strip("/")
            op = "config_get" if request.method == "GET" else "config_patch"

            def handler():
                return config_api(request, state, op, bucket)

            handler.bucket = bucket
            return op, handler
        # Hook: backup vaults, policies, recovery ranges and restores (tests/cos_stack/backup/).
        from ..backup import route as backup_route
        return backup_route(request, state) or (None, None)
