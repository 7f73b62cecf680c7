"""IAM access and refresh tokens the stack has issued, and who they belong to."""

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    iam_id: str
    name: str
    instances: frozenset  # service instance GUIDs this identity may use
    role: str = "Manager"  # the service role on those instances: Manager or Writer


@dataclass
class Grant:
    principal: Principal
    expires_at: float


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Tokens:
    def __init__(self):
        self._lock = threading.Lock()
        self._access = {}
        self._refresh = {}

    # ledger: IAM-01 IAM-05
    def issue(self, principal, lifetime):
        now = int(time.time())
        claims = {"iam_id": principal.iam_id, "sub": principal.name, "iat": now,
                  "exp": now + lifetime, "jti": secrets.token_hex(8), "scope": "ibm openid"}
        # JWT-shaped like IBM's, though only this stack can check it (by lookup, not signature).
        access_token = ".".join([
            _b64(json.dumps({"alg": "RS256", "typ": "JWT"}).encode()),
            _b64(json.dumps(claims).encode()),
            _b64(secrets.token_bytes(32)),
        ])
        refresh_token = secrets.token_urlsafe(48)
        with self._lock:
            self._access[access_token] = Grant(principal, now + lifetime)
            self._refresh[refresh_token] = principal
        return {
            "access_token": access_token,
            "refresh_token": refresh_token,
            "token_type": "Bearer",
            "expires_in": lifetime,
            "expiration": now + lifetime,
            "scope": "ibm openid",
        }

    def principal_for_refresh(self, refresh_token):
        with self._lock:
            return self._refresh.get(refresh_token)

    def check(self, access_token):
        """Return (principal, None) or (None, 'unknown' | 'expired')."""
        with self._lock:
            grant = self._access.get(access_token)
        if grant is None:
            return None, "unknown"
        if time.time() >= grant.expires_at:
            return None, "expired"
        return grant.principal, None

    def update_principals(self, matches, change):
        """Replace the principal of every live token where matches(principal) by change(principal).
        A token's principal is a snapshot taken when it was issued; an instance made or removed
        later must be seen by the tokens already out, as IBM's policy checks see it."""
        with self._lock:
            for grant in self._access.values():
                if matches(grant.principal):
                    grant.principal = change(grant.principal)
