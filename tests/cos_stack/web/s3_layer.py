"""The IBM layer in front of moto's S3 app, on every location's S3 port: counts and faults,
auth, then the IBM rules (in ibm/), then moto. Each rule lives in its ibm/ module with its
LEDGER.md row; this module only routes."""

import logging
from dataclasses import dataclass

from werkzeug.wrappers import Request, Response

from ..ibm import key_protect
from ..ibm.addressing import path_style_path, rewrite_for_moto
from ..ibm.acls import ACL_WRITES, acl_xml, check_canned_acl, check_public_acl_block
from ..ibm.backup_protection import check_backup_policies
from ..ibm.bucket_listing import list_buckets, list_buckets_extended
from ..ibm.bucket_protection import check_protection, parse_protection, protection_xml
from ..ibm.checksums import check_integrity_headers
from ..ibm.firewall import firewall_denies
from ..ibm.instances import check_bucket_access, instance_for
from ..ibm.lifecycle_of_buckets import check_bucket_empty
from ..ibm.legal_holds import legal_hold_call
from ..ibm.lifecycle_rules import check_lifecycle, stored_lifecycle
from ..ibm.locations import check_bucket_location, create_bucket
from ..ibm.object_lock import check_lock_configuration, check_object_retention, object_retention_xml
from ..ibm.object_retention import READS as RETENTION_READS
from ..ibm.object_retention import WRITES as RETENTION_WRITES
from ..ibm.object_retention import expiry_for_write, extend_retention, read_headers, record_write
from ..ibm.protected_objects import check_retention
from ..ibm.replication import replication_call
from ..ibm.replication_failures import FAILURE_OPS, replication_failure_call
from ..ibm.s3_auth import Denied, authenticate
from ..ibm.unsupported import UNSUPPORTED_OPS, not_implemented
from ..ibm.versioning import check_versioning
from ..process.settings import ADDRESS_NETWORKS
from ..store import moto_store
from ..store.buckets import BucketRecord
from .op_names import classify, split_path
from .replies import S3Refusal, s3_error
from .wsgi_util import apply_latency, drop_connection, read_body

log = logging.getLogger("cos_stack.s3")

FAULT_ERRORS = {503: "SlowDown", 500: "InternalError", 412: "PreconditionFailed"}
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
    body: bytes | None = None  # a configuration the layer keeps once moto has accepted it



class S3Layer:
    def __init__(self, state, moto_app):
        self.state = state
        self.moto_app = moto_app

    def __call__(self, environ, start_response):
        request = Request(environ)
        path = path_style_path(request)
        bucket, key = split_path(path)
        query = {name: request.args.get(name) for name in request.args}
        op = classify(request.method, path, query, request.headers)
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
        state = self.state
        caller = authenticate(call.request, state)
        if call.op in ("ListBuckets", "ListBucketsExtended"):
            return self._list(call, instance_for(call, caller, state))
        if call.bucket is None:
            return None
        if call.op in ACL_WRITES:
            check_canned_acl(call)
        if call.op == "CreateBucket":
            return create_bucket(call, instance_for(call, caller, state), state)
        record = call.record = state.buckets.get(call.bucket)
        if record is None:
            return None  # moto answers NoSuchBucket
        check_bucket_access(record, caller)
        check_bucket_location(record, call.location.name)
        reason = firewall_denies(record.resource_config.get("firewall"),
                                 call.request.remote_addr, call.network)
        if reason:
            raise Denied(reason)
        if call.op in UNSUPPORTED_OPS:
            return not_implemented(call)
        if call.op in ("DeleteBucket", "PutBucketVersioning"):
            check_backup_policies(call, state)
        if call.op == "DeleteBucket":
            check_bucket_empty(record)
        check_integrity_headers(call, record)
        if call.op in ACL_WRITES:
            check_public_acl_block(call, record)
        if call.op in ("GetBucketAcl", "GetObjectAcl"):
            return acl_xml(call, record)
        if call.op == "GetBucketProtectionConfiguration":
            return protection_xml(record.protection)
        if call.op == "PutBucketProtectionConfiguration":
            return self._put_protection(call, record)
        if call.op == "PutBucketVersioning":
            check_versioning(call, record)
        if call.op == "PutObjectLockConfiguration":
            check_lock_configuration(call, record)
        if call.op == "PutObjectRetention" and call.key:
            check_object_retention(call, record)
        if call.op == "GetObjectRetention" and call.key:
            return object_retention_xml(call, record)
        if call.op == "PutBucketLifecycleConfiguration":
            call.body = read_body(call.request.environ)
            check_lifecycle(call.body)
        if call.op == "GetBucketLifecycleConfiguration":
            return stored_lifecycle(record)
        if call.op in LEGAL_HOLD_OPS:
            with state.buckets.lock:
                return legal_hold_call(call, record)
        if call.op in REPLICATION_OPS:
            body = read_body(call.request.environ)
            with state.buckets.lock:
                return replication_call(call, record, body, state.buckets)
        if call.op in FAILURE_OPS:
            with state.buckets.lock:
                return replication_failure_call(call, record)
        if call.op == "ExtendObjectRetention":
            with state.buckets.lock:
                return extend_retention(call, record)
        check_retention(call, record)
        if call.op in RETENTION_WRITES and call.key:
            call.retention_asked = expiry_for_write(call, record)
        return None

    def _list(self, call, instance):
        records = self.state.buckets.all()
        if call.op == "ListBuckets":
            return list_buckets(records, instance)
        answer = list_buckets_extended(records, instance, call.query)
        if answer is None:
            raise S3Refusal("InvalidArgument", 400, "max-keys must be a whole number from 0 to 1000.")
        return answer

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
        rewrite_for_moto(environ)
        if "aws-chunked" in environ.get("HTTP_CONTENT_ENCODING", "") and not environ.get(
            "HTTP_X_AMZ_CONTENT_SHA256"
        ):
            # OAuth-signed uploads stream aws-chunked with a checksum trailer but, unlike SigV4,
            # do not say so in x-amz-content-sha256, which is what moto decodes by.
            environ["HTTP_X_AMZ_CONTENT_SHA256"] = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
        record = call.record
        extra_headers = key_protect.echo_headers(record, call.op)
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
            self.state.buckets.remove(call.bucket, self.state.name_reservation_seconds())
        elif call.op == "PutBucketLifecycleConfiguration" and status == 200:
            call.record.lifecycle = call.body
        elif call.op == "DeleteBucketLifecycle" and status == 204:
            call.record.lifecycle = None
        elif call.op in RETENTION_WRITES and call.key and call.record and status == 200:
            with self.state.buckets.lock:
                record_write(call, call.record, call.retention_asked)
