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
