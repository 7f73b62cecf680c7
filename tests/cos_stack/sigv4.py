"""Check an AWS SigV4 (HMAC) signature by re-signing the request with ibm_botocore's own signer."""

import hmac
import re

from ibm_botocore.auth import S3SigV4Auth
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
