# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IAM token exchange (API key or compute-resource token), and the token lifetime rules.

The request is the one ibm_botocore's token manager sends; doing it here lets the controller fetch
one token per run, and covers trusted profiles, which the SDK does not.
"""
from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

APIKEY_GRANT = "urn:ibm:params:oauth:grant-type:apikey"
CR_TOKEN_GRANT = "urn:ibm:params:oauth:grant-type:cr-token"
# Refresh when less than this share of a token's life is left (IAM tokens live 3600 s: 12 minutes).
REFRESH_SHARE = 0.2
UNKNOWN_LIFETIME = 3600
# As ibm_botocore's token manager does for its first token: three attempts a second apart.
EXCHANGE_ATTEMPTS = 3
EXCHANGE_PAUSE = 1.0


class IamError(Exception):
    """The exchange failed; the message names the cause and never holds the key or the token."""


@dataclass
class Token:
    access_token: str
    expires_at: float
    lifetime: float

    @property
    def seconds_left(self) -> float:
        return self.expires_at - time.time()

    def usable(self) -> bool:
        return self.seconds_left > self.lifetime * REFRESH_SHARE

    def as_cache(self) -> dict:
        return {"access_token": self.access_token, "expires_at": self.expires_at, "lifetime": self.lifetime}

    @classmethod
    def from_cache(cls, data: dict) -> "Token":
        return cls(str(data["access_token"]), float(data["expires_at"]), float(data["lifetime"]))


def token_from_jwt(access_token: str) -> Token:
    """A pre-fetched token: its expiry is the JWT's `exp` claim when it has one."""
    now = time.time()
    try:
        payload = access_token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        expires_at = float(claims["exp"])
        issued_at = float(claims.get("iat", now))
        return Token(access_token, expires_at, max(expires_at - issued_at, 1.0))
    except (IndexError, ValueError, KeyError, TypeError):
        return Token(access_token, now + UNKNOWN_LIFETIME, UNKNOWN_LIFETIME)


def grant_for(settings, read_file=None) -> dict:
    """The form fields of the exchange for the settings' auth method."""
    if settings.auth_method == "trusted_profile":
        path = settings.cr_token_file
        try:
            with (read_file or open)(path, encoding="utf-8") as handle:
                cr_token = handle.read().strip()
        except OSError as exc:
            raise IamError(f"cr_token_file {path!r} cannot be read: {exc.strerror}") from None
        grant = {"grant_type": CR_TOKEN_GRANT, "cr_token": cr_token}
        if settings.trusted_profile_id:
            grant["profile_id"] = settings.trusted_profile_id
        else:
            grant["profile_name"] = settings.trusted_profile_name
        return grant
    if settings.api_key:
        return {"grant_type": APIKEY_GRANT, "apikey": settings.api_key}
    raise IamError("the IAM token cannot be refreshed: no api_key or trusted profile is set")


def exchange(iam_endpoint: str, grant: dict, verify, timeout: int = 30) -> Token:
    """POST the grant to IAM and return the access token with its expiry."""
    from ansible.module_utils.urls import open_url

    body = urlencode(dict(grant, response_type="cloud_iam"))
    kwargs = {"method": "POST", "data": body, "timeout": timeout, "validate_certs": bool(verify),
              "headers": {"Accept": "application/json", "Authorization": "Basic Yng6Yng=",
                          "Content-Type": "application/x-www-form-urlencoded"}}
    if isinstance(verify, str):
        kwargs["ca_path"] = verify
    for attempt in range(1, EXCHANGE_ATTEMPTS + 1):
        try:
            with open_url(iam_endpoint, **kwargs) as response:
                data = json.loads(response.read())
            break
        except Exception as exc:  # pylint: disable=broad-except
            if attempt < EXCHANGE_ATTEMPTS and transient(exc):
                time.sleep(EXCHANGE_PAUSE)
                continue
            raise IamError(describe_iam_failure(iam_endpoint, exc)) from None
    try:
        lifetime = float(data["expires_in"])
        return Token(str(data["access_token"]), time.time() + lifetime, lifetime)
    except (KeyError, TypeError, ValueError):
        raise IamError(f"IAM at {iam_endpoint} answered without access_token/expires_in") from None


def transient(exc) -> bool:
    """Worth asking IAM again: it answered 5xx or 429, or the connection failed (not a certificate)."""
    code = getattr(exc, "code", None)
    if code:
        return code >= 500 or code == 429
    if isinstance(exc, ValueError):
        return False
    text = str(getattr(exc, "reason", None) or exc)
    return "CERTIFICATE_VERIFY_FAILED" not in text and "certificate verify failed" not in text


def describe_iam_failure(url: str, exc) -> str:
    code = getattr(exc, "code", None)
    if code:
        detail = {}
        try:
            detail = json.loads(exc.read())
        except Exception:  # pylint: disable=broad-except
            pass
        error_code = detail.get("errorCode", "")
        if error_code == "BXNIM0415E":
            return (f"IAM at {url} rejected the API key: it is invalid or deleted ({error_code}). "
                    "Check api_key / IBMCLOUD_API_KEY.")
        message = detail.get("errorMessage") or "no detail"
        return f"IAM at {url} refused the token request: HTTP {code} {error_code} {message}".replace("  ", " ")
    from ansible_collections.ibm.cos.plugins.module_utils._endpoints import describe_url_error

    return f"cannot reach IAM at {url}: {describe_url_error(exc)}"
