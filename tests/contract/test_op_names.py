"""The stack names each S3 request after its botocore operation. Pinned here against the IBM
model itself: every operation, serialised by ibm_botocore exactly as a client would send it,
must come back under its own name."""

from urllib.parse import parse_qsl, unquote, urlsplit

import ibm_botocore.session
import pytest
from ibm_botocore.serialize import create_serializer

from cos_stack.web.op_names import classify

MODEL = ibm_botocore.session.get_session().get_service_model("s3")
SERIALIZER = create_serializer("rest-xml", include_validation=False)


def sample(shape, name=""):
    """The smallest valid value for a shape (required members only)."""
    if shape.type_name == "structure":
        return {member: sample(shape.members[member], member) for member in shape.required_members}
    if shape.type_name == "list":
        return [sample(shape.member)]
    if shape.type_name == "map":
        return {}
    if shape.type_name in ("integer", "long"):
        return 1
    if shape.type_name == "boolean":
        return True
    if shape.type_name == "timestamp":
        return 0
    if shape.type_name == "blob":
        return b"x"
    return {"Bucket": "some-bucket", "Key": "dir/some key"}.get(name, "value")


def wire_request(operation_name):
    operation = MODEL.operation_model(operation_name)
    params = sample(operation.input_shape) if operation.input_shape else {}
    request = SERIALIZER.serialize_to_request(params, operation)
    path = request["url_path"]
    query = dict(request["query_string"]) if isinstance(request["query_string"], dict) else {}
    if "?" in path:
        path, _, literal = path.partition("?")
        query.update(parse_qsl(literal, keep_blank_values=True))
    headers = {name.lower(): value for name, value in request["headers"].items()}
    return request["method"], unquote(urlsplit(path).path), query, headers


@pytest.mark.parametrize("operation_name", MODEL.operation_names)
def test_every_ibm_operation_is_named_after_itself(operation_name):
    assert classify(*wire_request(operation_name)) == operation_name


@pytest.mark.parametrize("method, path, query, headers, expected", [
    ("GET", "/", {}, {}, "ListBuckets"),
    ("GET", "/", {"extended": ""}, {}, "ListBucketsExtended"),
    ("HEAD", "/b", {}, {}, "HeadBucket"),
    ("PUT", "/b/k", {}, {}, "PutObject"),
    ("PUT", "/b/k", {}, {"x-amz-copy-source": "/a/b"}, "CopyObject"),
    ("PUT", "/b/k", {"partNumber": "1", "uploadId": "u"}, {}, "UploadPart"),
    ("GET", "/b", {"list-type": "2", "prefix": "p"}, {}, "ListObjectsV2"),
    ("GET", "/b", {"prefix": "p"}, {}, "ListObjects"),
    ("GET", "/b/k", {"uploadId": "u"}, {}, "ListParts"),
    ("POST", "/b", {"delete": ""}, {}, "DeleteObjects"),
    ("GET", "/b", {"policy": ""}, {}, "GetBucketPolicy"),  # AWS-only, still named
])
def test_wire_shapes(method, path, query, headers, expected):
    assert classify(method, path, query, headers) == expected
