# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where SDK, requests and HTTP errors become clear messages.

`describe(exc, bucket=..., key=...)` returns (message, details) for any failure a module can meet;
modules never format SDK errors themselves.
"""
from __future__ import annotations

import copy

from ansible_collections.ibm.cos.plugins.module_utils._iam import IamError
from ansible_collections.ibm.cos.plugins.module_utils._settings import SettingsError


class ConfigApiError(Exception):
    """The Resource Configuration API answered an error status (raised by _config_api)."""

    def __init__(self, status: int, message: str, bucket: str):
        super().__init__(message)
        self.status = status
        self.bucket = bucket


class CosError(Exception):
    """A failure a module reports as is: the message already says what to check."""

    def __init__(self, msg: str, **details):
        super().__init__(msg)
        self.details = details


class ForBucket(Exception):
    """A failure met while working on one of several buckets: describe() names that bucket."""

    def __init__(self, bucket: str, error: BaseException):
        super().__init__(str(error))
        self.bucket = bucket
        self.error = error


def error_code(exc: BaseException) -> str:
    """The S3 error code of an SDK ClientError ("404", "NoSuchKey", ...), or "" for anything else."""
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return ""
    return str((response.get("Error") or {}).get("Code", "") or "")


def read_or_default(call, missing_codes, default):
    """Call `call()`; an S3 error whose code is in `missing_codes` means "not there": `default`."""
    try:
        return call()
    except Exception as exc:  # pylint: disable=broad-except
        if error_code(exc) in missing_codes:
            return copy.deepcopy(default)
        raise


def _guidance(code: str, status: int, bucket: str | None, message: str) -> str:
    where = f"bucket {bucket!r}" if bucket else "the request"
    if code in ("NoSuchBucket", "404") and bucket:
        return (f"bucket {bucket!r} does not exist here. If it exists in another location, the endpoint "
                "or region does not match the bucket's location (COS answers 404 on the wrong regional endpoint)")
    if code in ("AccessDenied", "403"):
        return (f"access denied to {where}: check the IAM role of the credentials (Writer or Manager), "
                "the bucket's firewall allowed_ip and allowed_network_type, and that the bucket belongs "
                "to this service instance")
    if code == "BucketAlreadyExists":
        # faq-bucket.md "Can I reuse a bucket name?": a deleted bucket's name can be reused only
        # some 5 minutes after the delete (7 days after its service instance is deleted).
        return (f"bucket name {bucket!r} is taken: names are global, so another account or instance may "
                "own it, or the name is still reserved after a recent delete of a bucket with this name "
                "(COS keeps it for about 5 minutes, or 7 days after its service instance was deleted); "
                "wait and run again, or choose another name")
    if code == "BucketNotEmpty":
        return (f"bucket {bucket!r} is not empty (objects, versions, delete markers or unfinished multipart "
                "uploads, which listings of objects do not show); set force: true to delete them first")
    if code == "InvalidLocationConstraint":
        return (f"the location constraint for {where} does not match the endpoint: create the bucket "
                f"through the endpoint of its region, or change region/location ({message})")
    if "Key CRN could not be found" in message or "CRN" in message and code == "InvalidArgument":
        # kp.md / hpcs.md "Create a bucket": COS answers a missing authorization as an unknown key.
        return ("the Key Protect / HPCS root key CRN could not be found: check the CRN, and that a "
                "service-to-service authorization gives this COS instance the Reader role on the key's "
                "Key Protect or HPCS instance (ibm.cos.cos_authorization with source_instance the COS "
                "instance and target_instance the root key CRN creates it)")
    if code in ("SlowDown", "ServiceUnavailable", "InternalError", "503", "500"):
        return f"COS is throttling or failing for {where} ({code}) after all retries; try again later or raise retries"
    if code == "ExpiredToken" or "expired" in message.lower() and status == 403:
        return "the IAM token expired; pass api_key so it can be refreshed, or fetch a new iam_token"
    return f"COS refused {where}: {code} {message}".strip()


def describe(exc: BaseException, bucket: str | None = None, key: str | None = None):
    """Return (message, details) for a failure; never includes credentials."""
    if isinstance(exc, ForBucket):
        return describe(exc.error, bucket=exc.bucket, key=key)
    if isinstance(exc, CosError):
        return str(exc), exc.details
    if isinstance(exc, (SettingsError, IamError)):
        return str(exc), {}
    if isinstance(exc, ConfigApiError):
        return _describe_config_api(exc), {"status": exc.status}
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        error = response["Error"]
        code = error_code(exc)
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        message = str(error.get("Message", "") or "")
        if key and code in ("NoSuchKey", "404") and bucket:
            text = f"object {key!r} does not exist in bucket {bucket!r}"
        else:
            text = _guidance(code, status, bucket, message)
        return text, {"error_code": code, "http_status": status}
    return _describe_transport(exc, bucket, key), {}


def describe_api_status(where: str, status: int, detail, meanings: dict) -> str:
    """`where`: the API and what was asked; `meanings` says what an HTTP status means there. A
    status it does not name is reported with COS's own words (`detail`)."""
    if status in meanings:
        return f"{where}: {meanings[status]}"
    return f"{where}: HTTP {status}: {detail}"


def _describe_config_api(exc: ConfigApiError) -> str:
    not_authorized = ("not authorized (HTTP {}); firewall settings need the Manager role, others Writer; "
                      "HMAC keys cannot be used for this API")
    return describe_api_status(f"Resource Configuration API, bucket {exc.bucket!r}", exc.status, exc, {
        401: not_authorized.format(401),
        403: not_authorized.format(403),
        404: "bucket not found (HTTP 404)",
        412: "the configuration changed concurrently (HTTP 412); run again",
    })


CONNECTION_ERRORS = ("EndpointConnectionError", "ConnectionError", "ConnectTimeoutError", "ReadTimeoutError",
                     "ConnectionClosedError", "ConnectTimeout", "ReadTimeout", "SSLError", "ProxyConnectionError")
CERTIFICATE_PROBLEMS = ("CERTIFICATE_VERIFY_FAILED", "certificate verify failed", "Hostname mismatch",
                        "doesn't match")


def _describe_transport(exc: BaseException, bucket=None, key=None) -> str:
    name = type(exc).__name__
    text = str(exc)
    # botocore words every SSLError "SSL validation failed", a connection cut mid-request included:
    # only a certificate the client refused is a TLS set-up problem.
    if any(marker in text for marker in CERTIFICATE_PROBLEMS):
        return ("TLS verification failed: the server's certificate is not trusted; set ca_bundle "
                "(IBM_COS_CA_BUNDLE) to the issuing CA, or validate_certs: false for testing")
    if "CredentialRetrievalError" in name or "BXNIM" in text:
        if "BXNIM0415E" in text:
            return "IAM rejected the API key: it is invalid or deleted (BXNIM0415E). Check api_key / IBMCLOUD_API_KEY."
        return "could not get an IAM token; check api_key and iam_endpoint"
    if name in CONNECTION_ERRORS:
        url = (getattr(exc, "kwargs", {}) or {}).get("endpoint_url") or ""
        url = url.split("?", 1)[0]
        if bucket:
            url = url.rsplit("/" + bucket, 1)[0]
        where = f" for object {key!r} in bucket {bucket!r}" if key else f" for bucket {bucket!r}" if bucket else ""
        reason = _root_reason(exc)
        return (f"the connection to COS {url} failed{where} ({name}: {reason}) after all retries; "
                "check endpoint/region and the network, then run again").replace("COS  ", "COS ")
    return f"{name}: {text}"


def _root_reason(exc) -> str:
    """The innermost error's words (an SSL EOF, a reset), without the request URL botocore adds."""
    inner = (getattr(exc, "kwargs", {}) or {}).get("error") or exc
    while getattr(inner, "args", None) and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    text = str(inner)
    return text.split(" for https://", 1)[0].split(" for http://", 1)[0][:200] or type(inner).__name__
