# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Resource Configuration API: GET and merge-PATCH of /b/{bucket}, bearer auth only.

Throttling and server errors are retried like the S3 calls: COS says rate limiting shows as 429 or
503 and asks for retries with exponential back-off (cloud-object-storage docs, faq.md "Does IBM
Cloud Object Storage rate limit?"; data-io.md "Retry strategy"). urllib3's `Retry`, mounted on the
session, does it: bounded by the connection's `retries`, exponential with jitter, honouring
`Retry-After`. The SDK's own `enable_retries` uses the same class but leaves PATCH out; a merge
patch of desired values (sent with If-Match) is safe to repeat, so PATCH is retried too.
"""
from __future__ import annotations

from urllib.parse import quote

from ansible_collections.ibm.cos.plugins.module_utils._errors import ConfigApiError

PRECONDITION_ATTEMPTS = 3
RETRY_STATUSES = (429, 500, 502, 503, 504)
DEFAULT_RETRIES = 5
BACKOFF_FACTOR = 0.2   # 0.2 s, 0.4 s, 0.8 s, ... plus up to JITTER s
BACKOFF_MAX = 20.0
JITTER = 0.2


def retry_policy(retries):
    """urllib3 Retry for `retries` further attempts after the first, on 429/5xx and connection errors."""
    from urllib3.util.retry import Retry

    total = DEFAULT_RETRIES if retries is None else max(int(retries), 0)
    return Retry(total=total, connect=total, read=total, status=total, backoff_factor=BACKOFF_FACTOR,
                 backoff_max=BACKOFF_MAX, backoff_jitter=JITTER, status_forcelist=RETRY_STATUSES,
                 allowed_methods=frozenset(("GET", "PATCH")), respect_retry_after_header=True,
                 raise_on_status=False)


class ConfigApi:
    def __init__(self, base_url: str, token, verify, timeout: int = 60, session=None, retries=None):
        import requests  # the S3 SDK loads it too; kept out of modules that never use this API
        from requests.adapters import HTTPAdapter

        self.base_url = base_url.rstrip("/")
        self.token = token
        self.verify = verify
        self.timeout = timeout
        if session is None:
            session = requests.Session()
            adapter = HTTPAdapter(max_retries=retry_policy(retries), pool_maxsize=16)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        self.session = session

    def _request(self, method: str, bucket: str, **kwargs):
        headers = kwargs.pop("headers", {})
        headers["Authorization"] = "Bearer " + self.token.get_token()
        url = f"{self.base_url}/b/{quote(bucket, safe='')}"
        response = self.session.request(method, url, headers=headers, verify=self.verify,
                                        timeout=self.timeout, **kwargs)
        if response.status_code >= 300:
            raise ConfigApiError(response.status_code, _error_text(response), bucket)
        return response

    def get_bucket(self, bucket: str):
        """Return (configuration dict, etag)."""
        response = self._request("GET", bucket, headers={"Accept": "application/json"})
        return response.json(), response.headers.get("ETag")

    def patch_bucket(self, bucket: str, patch: dict, etag: str | None = None):
        """Apply an RFC 7396 merge patch; with `etag`, a concurrent change answers 412.

        The patch holds the desired values of the fields the task names, so after a 412 it is still
        right: the configuration is re-read for its new ETag and the patch sent again.
        """
        for attempt in range(PRECONDITION_ATTEMPTS):
            headers = {"Content-Type": "application/merge-patch+json"}
            if etag:
                headers["If-Match"] = etag
            try:
                self._request("PATCH", bucket, headers=headers, json=patch)
                return
            except ConfigApiError as exc:
                if exc.status != 412 or not etag or attempt + 1 == PRECONDITION_ATTEMPTS:
                    raise
            etag = self.get_bucket(bucket)[1]


def _error_text(response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300] or response.reason
    errors = body.get("errors") if isinstance(body, dict) else None
    if errors and isinstance(errors, list):
        return "; ".join(str(e.get("message", e)) for e in errors if isinstance(e, dict)) or str(errors)
    if isinstance(body, dict):
        return str(body.get("message") or body.get("error") or body)
    return str(body)
