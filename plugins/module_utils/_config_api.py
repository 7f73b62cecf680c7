# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Resource Configuration API: GET and merge-PATCH of /b/{bucket}, bearer auth only."""
from __future__ import annotations

from urllib.parse import quote

from ansible_collections.ibm.cos.plugins.module_utils._errors import ConfigApiError

PRECONDITION_ATTEMPTS = 3


class ConfigApi:
    def __init__(self, base_url: str, token, verify, timeout: int = 60, session=None):
        import requests  # the S3 SDK loads it too; kept out of modules that never use this API

        self.base_url = base_url.rstrip("/")
        self.token = token
        self.verify = verify
        self.timeout = timeout
        self.session = session or requests.Session()

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
