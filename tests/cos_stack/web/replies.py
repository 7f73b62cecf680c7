"""Building the stack's own answers: S3 XML errors, IBM JSON errors, plain JSON."""

import json
import uuid
from xml.sax.saxutils import escape

from werkzeug.wrappers import Response

S3_ERROR_MESSAGES = {
    "AccessDenied": "Access Denied",
    "SlowDown": "Please reduce your request rate.",
    "InternalError": "We encountered an internal error. Please try again.",
    "NoSuchBucket": "The specified bucket does not exist.",
}


class S3Refusal(Exception):
    """A rule of the IBM layer said no: answered as an S3 error with this code and status."""

    def __init__(self, code, status, message=None):
        super().__init__(message or code)
        self.code, self.status, self.message = code, status, message


def request_id():
    return str(uuid.uuid4())


def json_reply(body, status=200, headers=None):
    return Response(json.dumps(body), status=status, headers=headers,
                    content_type="application/json")


def s3_error(code, status, message=None, resource="", method="GET", extra=None):
    rid = request_id()
    headers = {"x-amz-request-id": rid, "x-clv-request-id": rid}
    if method == "HEAD":
        # HEAD answers carry no body; botocore then reports the status as the code.
        return Response(b"", status=status, headers=headers)
    fields = {"Code": code, "Message": message or S3_ERROR_MESSAGES.get(code, code),
              "Resource": resource, "RequestId": rid, "httpStatusCode": str(status)}
    fields.update(extra or {})
    inner = "".join(f"<{name}>{escape(str(value))}</{name}>" for name, value in fields.items())
    body = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Error>{inner}</Error>'
    return Response(body, status=status, headers=headers, content_type="application/xml")


# ledger: CFG-13
def ibm_error(status, code, message):
    """The error shape of IBM platform APIs such as the Resource Configuration API."""
    return json_reply(
        {"errors": [{"code": code, "message": message}], "trace": request_id(), "status_code": status},
        status=status,
    )


def iam_error(status, code, message):
    return json_reply(
        {"errorCode": code, "errorMessage": message, "context": {"requestId": request_id()}},
        status=status,
    )
