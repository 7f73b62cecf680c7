"""Buckets and locations: a bucket lives at the location of the endpoint that created it, with a
`<location>-<storage class>` constraint; names are global across locations."""

import io
import xml.etree.ElementTree as ElementTree

from ..store.buckets import BucketRecord
from ..web.replies import S3Refusal
from ..web.wsgi_util import read_body
from .key_protect import root_key
from .lifecycle_of_buckets import check_name_not_reserved


def xml_text(body, tag):
    """The text of the first element named tag (any namespace), or None."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == tag:
            return (element.text or "").strip()
    return None


# ledger: LOC-01
def check_location_constraint(constraint, location_name, state):
    for storage_class in state.config["storage_classes"]:
        if constraint == f"{location_name}-{storage_class}":
            return
    raise S3Refusal("InvalidLocationConstraint", 400,
                    f"The specified location-constraint {constraint!r} is not valid for this "
                    f"endpoint ({location_name}).")


# ledger: LOC-04
def check_name_free(name, location_name, instance, state):
    existing = state.buckets.get(name)
    if existing and (existing.location != location_name or existing.instance != instance):
        raise S3Refusal("BucketAlreadyExists", 409,
                        "The requested bucket name is not available. Select a different name.")


def create_bucket(call, instance, state):
    """Check a CreateBucket and prepare its registry record (added once moto has created it)."""
    check_name_free(call.bucket, call.location.name, instance, state)
    check_name_not_reserved(call.bucket, state)
    environ = call.request.environ
    body = read_body(environ)
    constraint = xml_text(body, "LocationConstraint") if body.strip() else None
    if constraint is None and body.strip():
        raise S3Refusal("MalformedXML", 400, "The XML you provided was not well-formed.")
    if not constraint:
        # ledger: LOC-02
        constraint = f"{call.location.name}-standard"
        rewritten = ("<CreateBucketConfiguration><LocationConstraint>"
                     f"{constraint}</LocationConstraint></CreateBucketConfiguration>").encode()
        environ["wsgi.input"] = io.BytesIO(rewritten)
        environ["CONTENT_LENGTH"] = str(len(rewritten))
    check_location_constraint(constraint, call.location.name, state)
    call.new_record = BucketRecord(
        name=call.bucket, location=call.location.name, location_constraint=constraint,
        instance=instance, root_key_crn=root_key(call.request.headers, state, instance, call.bucket),
    )


# ledger: LOC-03
def check_bucket_location(record, location_name):
    if record.location != location_name:
        # COS answers a bucket asked for through another location's endpoint as missing.
        raise S3Refusal("NoSuchBucket", 404, "The specified bucket does not exist.")
