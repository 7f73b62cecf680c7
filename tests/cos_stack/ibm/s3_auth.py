"""Who is calling an S3 endpoint: an IAM bearer token or an HMAC (SigV4) key, or nobody."""

import datetime
from dataclasses import dataclass

from ..web.replies import S3Refusal
from ..web.sigv4 import parse_authorization, presigned_valid, signature_valid


@dataclass(frozen=True)
class Caller:
    scheme: str  # "oauth" | "hmac"
    instances: frozenset


class Denied(S3Refusal):
    def __init__(self, message):
        super().__init__("AccessDenied", 403, message)


def authenticate(request, state):
    """Return the Caller or raise Denied (answered as 403 AccessDenied)."""
    authorization = request.headers.get("Authorization", "")
    # ledger: AUTH-01
    if authorization.startswith("Bearer "):
        principal, problem = state.tokens.check(authorization[len("Bearer "):].strip())
        if principal is None:
            raise Denied(f"The bearer token is {problem}.")
        return Caller("oauth", principal.instances)
    # ledger: AUTH-02
    if authorization.startswith("AWS4-HMAC-SHA256"):
        parsed = parse_authorization(authorization)
        key = state.hmac_key(parsed[0]) if parsed else None
        if key is None:
            raise Denied("The AWS access key Id you provided does not exist in our records.")
        raw_uri = request.environ.get("RAW_URI") or request.full_path
        if not signature_valid(parsed, key["secret_access_key"], request.method, raw_uri,
                               request.headers):
            raise Denied("The request signature we calculated does not match the signature you provided.")
        return Caller("hmac", frozenset([key["instance"]]))
    if not authorization and "X-Amz-Signature" in request.args:
        return _presigned(request, state)
    raise Denied("Anonymous access is not allowed." if not authorization
                 else "Unsupported Authorization scheme.")


# ledger: AUTH-03
def _presigned(request, state):
    def secret_for(access_key_id):
        key = state.hmac_key(access_key_id)
        return key["secret_access_key"] if key else None

    raw_uri = request.environ.get("RAW_URI") or request.full_path
    access_key_id, problem = presigned_valid(
        request.method, raw_uri, request.headers, request.args, secret_for,
        datetime.datetime.now(datetime.timezone.utc))
    if problem:
        raise Denied(problem)
    return Caller("hmac", frozenset([state.hmac_key(access_key_id)["instance"]]))
