"""Name an S3 request the way botocore names its operation (HeadBucket, PutObject, ...).

The routes come from the service models themselves: IBM's model first, then AWS operations
IBM lacks (so a stray GetBucketPolicy is still named). A request matches a route when the method
and path shape agree and every query key and header the operation requires is present; the most
specific match wins (GetObject < GetObjectAcl, PutObject < CopyObject)."""

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    shape: str  # "service" | "bucket" | "object"
    query: tuple  # ((key, required value or None), ...)
    headers: tuple  # lower-case header names that must be present

    @property
    def specificity(self):
        return len(self.query) + len(self.headers)

    def matches(self, query, headers):
        for key, value in self.query:
            if key not in query or (value is not None and query[key] != value):
                return False
        return all(name in headers for name in self.headers)


def _routes_from_model(model):
    for name in model.operation_names:
        operation = model.operation_model(name)
        path, _, query_text = operation.http["requestUri"].partition("?")
        shape = "object" if "{Key+}" in path else "bucket" if "{Bucket}" in path else "service"
        query = []
        for part in filter(None, query_text.split("&")):
            key, _, value = part.partition("=")
            query.append((key, None if not value or value.startswith("{") else value))
        headers = []
        input_shape = operation.input_shape
        if input_shape is not None:
            for member_name in input_shape.required_members:
                member = input_shape.members[member_name]
                location = member.serialization.get("location")
                wire_name = member.serialization.get("name", member_name)
                if location == "querystring" and wire_name not in dict(query):
                    query.append((wire_name, None))
                elif location == "header":
                    headers.append(wire_name.lower())
        yield Route(name, operation.http["method"], shape, tuple(query), tuple(headers))


@lru_cache(maxsize=1)
def routes():
    import botocore.session
    import ibm_botocore.session

    ibm = list(_routes_from_model(ibm_botocore.session.get_session().get_service_model("s3")))
    known = {route.name for route in ibm}
    aws = [
        route
        for route in _routes_from_model(botocore.session.get_session().get_service_model("s3"))
        if route.name not in known
    ]
    table = {}
    for route in ibm + aws:
        table.setdefault((route.method, route.shape), []).append(route)
    for candidates in table.values():
        # Stable sort: on equal specificity IBM's operation (listed first) wins.
        candidates.sort(key=lambda route: -route.specificity)
    return table


def split_path(path):
    """A decoded path: '/bucket/some/key' -> ('bucket', 'some/key'); '/' -> (None, None)."""
    bucket, _, key = path.lstrip("/").partition("/")
    return (bucket or None), (key or None)


def classify(method, path, query, headers):
    """path: decoded (PATH_INFO); query: {key: value}; headers: a case-insensitive mapping."""
    bucket, key = split_path(path)
    shape = "object" if key else "bucket" if bucket else "service"
    for route in routes().get((method.upper(), shape), ()):
        if route.matches(query, headers):
            return route.name
    return f"Unknown{method.title()}"
