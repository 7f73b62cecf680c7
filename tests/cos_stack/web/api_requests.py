"""Reading a request to one of the stack's IBM JSON APIs (Resource Configuration, backup, account).

The APIs read a request alike but answer a bad one each in its own error shape, so each helper takes
the API's refusal: a callable from a message to the exception that API raises for a bad request."""

import json


def json_object(request, refuse):
    """The request body as a JSON object; raises refuse(message) when it is not valid JSON or not an
    object. An empty body is JSON null, hence not an object."""
    try:
        body = json.loads(request.get_data() or b"null")
    except ValueError:
        raise refuse("The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise refuse("The body must be a JSON object.")
    return body


BEARER_REQUIRED = "A bearer token from IAM is required."
# The APIs next to S3 (bucket configuration, backups) say why an S3 HMAC signature is not enough.
BEARER_NOT_HMAC = "A bearer token from IAM is required (HMAC is not accepted)."


def bearer_principal(request, state, refuse, required=BEARER_REQUIRED):
    """The principal behind the request's IAM bearer token; raises refuse(message) when there is
    none (the message is `required`) or the stack's IAM did not issue it or it has expired."""
    authorization = request.headers.get("Authorization", "")
    if not authorization.startswith("Bearer "):
        raise refuse(required)
    principal, problem = state.tokens.check(authorization[len("Bearer "):].strip())
    if principal is None:
        raise refuse(f"The bearer token is {problem}.")
    return principal
