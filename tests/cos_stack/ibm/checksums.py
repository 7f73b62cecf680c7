"""The integrity headers COS requires: bucket configuration writes and uploads into a bucket with
a retention policy carry Content-MD5 or an x-amz-checksum-* header (or, for aws-chunked
uploads, announce one in x-amz-trailer)."""

import base64
import hashlib

from ..web.replies import S3Refusal
from ..web.wsgi_util import read_body

# ledger: MD5-01
CONFIGURATION_WRITES = {"PutObjectLockConfiguration", "PutBucketCors",
                        "PutBucketLifecycleConfiguration", "PutBucketProtectionConfiguration"}
# ledger: MD5-02
PROTECTED_UPLOADS = {"PutObject", "UploadPart"}
CHECKSUM_HEADERS = ("x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme",
                    "x-amz-checksum-sha1", "x-amz-checksum-sha256")


def _has_integrity_header(headers):
    if headers.get("Content-MD5") or any(headers.get(name) for name in CHECKSUM_HEADERS):
        return True
    return headers.get("x-amz-trailer", "").lower() in CHECKSUM_HEADERS


def check_integrity_headers(call, record):
    needed = call.op in CONFIGURATION_WRITES or (
        call.op in PROTECTED_UPLOADS and call.key and record is not None and record.protection)
    if not needed:
        return
    headers = call.request.headers
    if not _has_integrity_header(headers):
        raise S3Refusal("InvalidRequest", 400,
                        "Missing required header for this request: Content-MD5 or an "
                        "x-amz-checksum-* header.")
    given = headers.get("Content-MD5")
    if given and call.op in CONFIGURATION_WRITES:
        digest = base64.b64encode(hashlib.md5(read_body(call.request.environ)).digest()).decode()
        if given.strip() != digest:
            raise S3Refusal("BadDigest", 400,
                            "The Content-MD5 you specified did not match what we received.")
