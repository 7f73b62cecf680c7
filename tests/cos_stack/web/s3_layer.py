"""The IBM layer in front of moto's S3 app, on every location's S3 port: counts and faults,
IAM/HMAC auth, service instances, locations, Key Protect, the firewall, and IBM-only calls."""

import io
import logging
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from werkzeug.wrappers import Request, Response

from ..store import moto_store
from ..ibm.bucket_listing import list_buckets, list_buckets_extended
from ..store.buckets import BucketRecord
from ..ibm.firewall import firewall_denies
from ..ibm.legal_holds import legal_hold_call
from ..ibm.lifecycle_rules import check_lifecycle
from ..ibm.object_retention import (READS as RETENTION_READS, WRITES as RETENTION_WRITES,
                               expiry_for_write, extend_retention, read_headers, record_write)
from .op_names import classify, split_path
from ..ibm.bucket_protection import check_protection, parse_protection, protection_xml
from ..ibm.replication import replication_call
from .replies import S3Refusal, s3_error
from ..ibm.protected_objects import check_retention
from ..ibm.s3_auth import Denied, authenticate
from ..process.settings import ADDRESS_NETWORKS
from .wsgi_util import apply_latency, drop_connection, read_body

log = logging.getLogger("cos_stack.s3")

FAULT_ERRORS = {503: "SlowDown", 500: "InternalError", 412: "PreconditionFailed"}
KP_ALGORITHM_HEADER = "ibm-sse-kp-encryption-algorithm"
KP_ROOT_KEY_HEADER = "ibm-sse-kp-customer-root-key-crn"
# COS echoes a bucket's Key Protect state on these calls.
KP_ECHO_OPS = {"HeadBucket", "ListObjects", "ListObjectsV2"}
LEGAL_HOLD_OPS = {"AddLegalHold", "DeleteLegalHold", "ListLegalHolds"}
REPLICATION_OPS = {"GetBucketReplication", "PutBucketReplication", "DeleteBucketReplication"}


@dataclass
class S3Call:
    request: Request
    op: str
    bucket: str | None
    key: str | None
    query: dict
    location: object
    network: str
    record: BucketRecord | None = None
    new_record: BucketRecord | None = None
    retention_asked: tuple | None = None  # what a write into a protected bucket asked for


def _xml_text(body, tag):
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == tag:
            return (element.text or "").strip()
    return None


class S3Layer:
    def __init__(self, state, moto_app):
        self.state = state
        self.moto_app = moto_app

    def __call__(self, environ, start_response):
        request = Request(environ)
        bucket, key = split_path(request.path)
        query = {name: request.args.get(name) for name in request.args}
        op = classify(request.method, request.path, query, request.headers)
        self.state.counters.count(op, bucket)

        firing = self.state.faults.fire(op, bucket=bucket)
        apply_latency(firing)
        if firing.reset_connection:
            drop_connection(environ)
        if firing.status:
            error = s3_error(FAULT_ERRORS[firing.status], firing.status,
                             resource=request.path, method=request.method)
            read_body(environ)  # drain it, or the client sees a broken pipe, not the error
            return error(environ, start_response)

        call = S3Call(
            request, op, bucket, key, query,
            location=self.state.location_by_port[int(environ["SERVER_PORT"])],
            network=ADDRESS_NETWORKS.get(environ.get("SERVER_NAME"), "public"),
        )
        try:
            answer = self._ibm_rules(call)
        except S3Refusal as refusal:
            answer = s3_error(refusal.code, refusal.status, refusal.message, request.path,
                              request.method)
        if answer is not None:
            read_body(environ)  # drain an unread upload so the client gets to read the answer
            return answer(environ, start_response)
        return self._forward_to_moto(call, environ, start_response)

    # -- the IBM rules; return a response to answer here, or None to let moto answer --

    def _ibm_rules(self, call):
        caller = authenticate(call.request, self.state)
        if call.op in ("ListBuckets", "ListBucketsExtended"):
            return self._list(call, self._instance(call, caller))
        if call.bucket is None:
            return None
        if call.op == "CreateBucket":
            return self._create_bucket(call, self._instance(call, caller))
        record = call.record = self.state.buckets.get(call.bucket)
        if record is None:
            return None  # moto answers NoSuchBucket
        if record.instance not in caller.instances:
            raise Denied("The caller has no access to the bucket's service instance.")
        if record.location != call.location.name:
            # COS answers a bucket asked for through another location's endpoint as missing.
            raise S3Refusal("NoSuchBucket", 404, "The specified bucket does not exist.")
        reason = firewall_denies(record.resource_config["firewall"],
                                 call.request.remote_addr, call.network)
        if reason:
            raise Denied(reason)
        if call.op == "GetBucketProtectionConfiguration":
            return protection_xml(record.protection)
        if call.op == "PutBucketProtectionConfiguration":
            return self._put_protection(call, record)
        if call.op == "PutBucketVersioning" and record.protection:
            if _xml_text(read_body(call.request.environ), "Status") == "Enabled":
                raise S3Refusal("InvalidBucketState", 409,
                              "Versioning cannot be enabled on a bucket with a retention policy.")
        if call.op == "PutBucketLifecycleConfiguration":
            check_lifecycle(read_body(call.request.environ))
        if call.op in LEGAL_HOLD_OPS:
            with self.state.buckets.lock:
                return legal_hold_call(call, record)
        if call.op in REPLICATION_OPS:
            body = read_body(call.request.environ)
            with self.state.buckets.lock:
                return replication_call(call, record, body, self.state.buckets)
        if call.op == "ExtendObjectRetention":
            with self.state.buckets.lock:
                return extend_retention(call, record)
        check_retention(call, record)
        if call.op in RETENTION_WRITES and call.key:
            call.retention_asked = expiry_for_write(call, record)
        return None

    def _instance(self, call, caller):
        """The service instance a create or list acts on, as a GUID."""
        asked = call.request.headers.get("ibm-service-instance-id")
        if caller.scheme == "hmac" and not asked:
            return next(iter(caller.instances))
        if not asked:
            raise S3Refusal("InvalidArgument", 400,
                          "The ibm-service-instance-id header is required with IAM (OAuth) authentication.")
        guid = self.state.instance_guid(asked)
        if guid is None or guid not in caller.instances:
            raise Denied("The caller has no access to the requested service instance.")
        return guid

    def _list(self, call, instance):
        records = self.state.buckets.all()
        if call.op == "ListBuckets":
            return list_buckets(records, instance)
        answer = list_buckets_extended(records, instance, call.query)
        if answer is None:
            raise S3Refusal("InvalidArgument", 400, "max-keys must be a whole number from 0 to 1000.")
        return answer

    def _create_bucket(self, call, instance):
        existing = self.state.buckets.get(call.bucket)
        if existing and (existing.location != call.location.name or existing.instance != instance):
            raise S3Refusal("BucketAlreadyExists", 409,
                          "The requested bucket name is not available. Select a different name.")
        environ = call.request.environ
        body = read_body(environ)
        constraint = _xml_text(body, "LocationConstraint") if body.strip() else None
        if constraint is None and body.strip():
            raise S3Refusal("MalformedXML", 400, "The XML you provided was not well-formed.")
        if not constraint:
            constraint = f"{call.location.name}-standard"
            rewritten = ("<CreateBucketConfiguration><LocationConstraint>"
                         f"{constraint}</LocationConstraint></CreateBucketConfiguration>").encode()
            environ["wsgi.input"] = io.BytesIO(rewritten)
            environ["CONTENT_LENGTH"] = str(len(rewritten))
        self._check_location_constraint(constraint, call.location.name)
        call.new_record = BucketRecord(
            name=call.bucket, location=call.location.name, location_constraint=constraint,
            instance=instance, root_key_crn=self._root_key(call.request.headers),
        )
        return None

    def _check_location_constraint(self, constraint, location_name):
        for storage_class in self.state.config["storage_classes"]:
            if constraint == f"{location_name}-{storage_class}":
                return
        raise S3Refusal("InvalidLocationConstraint", 400,
                      f"The specified location-constraint {constraint!r} is not valid for this "
                      f"endpoint ({location_name}).")

    def _root_key(self, headers):
        algorithm, crn = headers.get(KP_ALGORITHM_HEADER), headers.get(KP_ROOT_KEY_HEADER)
        if not algorithm and not crn:
            return None
        if algorithm != "AES256":
            raise S3Refusal("InvalidArgument", 400,
                          f"{KP_ALGORITHM_HEADER} must be AES256 when a root key is given.")
        if not crn or not self.state.root_key_known(crn):
            raise S3Refusal("InvalidArgument", 400, "The Key CRN could not be found")
        return crn

    def _put_protection(self, call, record):
        new = parse_protection(read_body(call.request.environ))
        with self.state.buckets.lock:
            check_protection(new, record.protection,
                             moto_store.versioning_enabled(record.name),
                             moto_store.object_lock_enabled(record.name))
            record.protection = new
        return Response(b"", status=200)

    # -- moto answers; the layer watches the status to keep its registry in step --

    def _forward_to_moto(self, call, environ, start_response):
        # Moto treats requests without Authorization as anonymous, and reads a region out of a
        # SigV4 one; the layer has checked the caller, so moto gets a neutral stand-in.
        environ["HTTP_AUTHORIZATION"] = "Bearer cos-stack-verified"
        if "aws-chunked" in environ.get("HTTP_CONTENT_ENCODING", "") and not environ.get(
            "HTTP_X_AMZ_CONTENT_SHA256"
        ):
            # OAuth-signed uploads stream aws-chunked with a checksum trailer but, unlike SigV4,
            # do not say so in x-amz-content-sha256, which is what moto decodes by.
            environ["HTTP_X_AMZ_CONTENT_SHA256"] = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
        extra_headers = []
        record = call.record
        if record and record.root_key_crn and call.op in KP_ECHO_OPS:
            extra_headers = [("ibm-sse-kp-enabled", "True"),
                             ("ibm-sse-kp-crk-id", record.root_key_crn)]
        if record and record.protection and call.op in RETENTION_READS and call.key:
            extra_headers = read_headers(record, call.key)

        def start(status, headers, exc_info=None):
            self._after_moto(call, int(status.split(" ", 1)[0]))
            return start_response(status, list(headers) + extra_headers, exc_info)

        try:
            return self.moto_app(environ, start)
        except Exception:  # a moto bug: answer like S3 would, and keep the traceback in the log
            log.exception("moto failed on %s %s (%s)", call.request.method, call.request.path, call.op)
            error = s3_error("InternalError", 500, resource=call.request.path, method=call.request.method)
            return error(environ, start_response)

    def _after_moto(self, call, status):
        if call.op == "CreateBucket" and status == 200 and call.new_record:
            self.state.buckets.add(call.new_record)
        elif call.op == "DeleteBucket" and status == 204:
            self.state.buckets.remove(call.bucket)
        elif call.op in RETENTION_WRITES and call.key and call.record and status == 200:
            with self.state.buckets.lock:
                record_write(call, call.record, call.retention_asked)
