"""Check an AWS SigV4 (HMAC) signature by re-signing the request with ibm_botocore's own signer."""

import hmac
import re

from ibm_botocore.auth import S3SigV4Auth, S3SigV4QueryAuth
from ibm_botocore.awsrequest import AWSRequest
from ibm_botocore.credentials import Credentials

_AUTH = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=(?P<credential>[^,\s]+),\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<signature>[0-9a-f]+)"
)


def parse_authorization(value):
    """-> (access_key_id, scope parts [date, region, service, 'aws4_request'], signed headers, signature)."""
    match = _AUTH.match(value or "")
    if not match:
        return None
    access_key_id, *scope = match["credential"].split("/")
    if len(scope) != 4:
        return None
    return access_key_id, scope, match["signed"].split(";"), match["signature"]


def signature_valid(parsed, secret, method, raw_uri, headers):
    """headers: a case-insensitive mapping of the request's headers."""
    access_key_id, (_, region, service, _), signed_headers, signature = parsed
    if any(name not in headers for name in signed_headers) or "x-amz-date" not in headers:
        return False
    request = AWSRequest(
        method=method,
        url=f"https://{headers['host']}{raw_uri}",
        headers={name: headers[name] for name in signed_headers},
    )
    request.context["timestamp"] = headers["x-amz-date"]
    signer = S3SigV4Auth(Credentials(access_key_id, secret), service, region)
    string_to_sign = signer.string_to_sign(request, signer.canonical_request(request))
    expected = signer.signature(string_to_sign, request)
    return hmac.compare_digest(expected, signature)


def presigned_valid(method, raw_uri, headers, query, secret_for, now):
    """Check a presigned URL (SigV4 query auth). query: the decoded query parameters;
    secret_for: access key id -> secret or None. Returns (access_key_id, problem or None)."""
    from datetime import datetime, timedelta, timezone

    credential = query.get("X-Amz-Credential", "")
    access_key_id, *scope = credential.split("/")
    secret = secret_for(access_key_id)
    if secret is None:
        return access_key_id, "The AWS access key Id you provided does not exist in our records."
    if len(scope) != 4 or query.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256":
        return access_key_id, "The presigned URL is malformed."
    try:
        signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        expires = int(query["X-Amz-Expires"])
    except (KeyError, ValueError):
        return access_key_id, "The presigned URL is malformed."
    if now > signed_at + timedelta(seconds=expires):
        return access_key_id, "Request has expired"
    path, _, query_text = raw_uri.partition("?")
    # The signature covers the query string as sent, less the signature itself.
    unsigned_query = "&".join(p for p in query_text.split("&") if not p.startswith("X-Amz-Signature="))
    signed_headers = query.get("X-Amz-SignedHeaders", "host").split(";")
    if any(name not in headers for name in signed_headers):
        return access_key_id, "A signed header is missing."
    request = AWSRequest(method=method, url=f"https://{headers['host']}{path}?{unsigned_query}",
                         headers={name: headers[name] for name in signed_headers})
    request.context["timestamp"] = query["X-Amz-Date"]
    _, region, service, _ = scope
    signer = S3SigV4QueryAuth(Credentials(access_key_id, secret), service, region, expires=expires)
    string_to_sign = signer.string_to_sign(request, signer.canonical_request(request))
    if not hmac.compare_digest(signer.signature(string_to_sign, request), query.get("X-Amz-Signature", "")):
        return access_key_id, "The request signature we calculated does not match the signature you provided."
    return access_key_id, None
