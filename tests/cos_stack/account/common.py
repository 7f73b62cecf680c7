"""Bearer auth and error bodies shared by the account APIs."""

from ..web.api_requests import bearer_principal, json_object
from ..web.replies import json_reply, request_id


class ApiError(Exception):
    def __init__(self, status, code, message, **details):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


# ledger: RCK-06
def platform_error(error):
    """The Resource Controller / Resource Manager error body (LEDGER.md RCK-06)."""
    return json_reply({"error_code": error.code, "message": error.message, "status_code": error.status,
                       "transaction_id": request_id()}, status=error.status)


def iam_policy_error(error):
    """IAM Policy Management's ErrorResponse (trace, errors[{code, message, details}], status_code)."""
    entry = {"code": error.code, "message": error.message}
    if error.details:
        entry["details"] = error.details
    return json_reply({"trace": request_id(), "errors": [entry], "status_code": error.status},
                      status=error.status)


# ledger: ACCT-02
def caller(request, state):
    """The principal behind the bearer token, or ApiError 401."""
    return bearer_principal(request, state, lambda message: ApiError(401, "Unauthorized", message))


def json_body(request):
    if request.mimetype != "application/json":
        raise ApiError(400, "BadRequest", "Content-Type must be application/json.")
    return json_object(request, lambda message: ApiError(400, "BadRequest", message))


def answer(handler, error_shape):
    """Run a handler; ApiError becomes an error body of the API's shape."""
    def respond():
        try:
            return handler()
        except ApiError as error:
            return error_shape(error)
    return respond
