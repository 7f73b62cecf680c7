# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small JSON client for the account APIs: bearer token, retries on reads, one error type."""
from __future__ import annotations

from urllib.parse import quote

from ansible_collections.ibm.cos.plugins.module_utils.account._connection import AccountApiError, error_text

RETRY_STATUSES = (429, 500, 502, 503, 504)
# A create is never sent twice by the client: a lost answer may hide a made instance, and the
# modules look for it by name before they create again.
RETRIED_METHODS = frozenset({"GET", "DELETE", "PATCH"})


def path_id(value: str) -> str:
    return quote(value, safe="")


class AccountApi:
    def __init__(self, name: str, base_url: str, token, settings, session=None):
        import requests  # loaded by the S3 SDK too; only account modules pay for it here
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

        self.name, self.base_url, self.token = name, base_url, token
        self.verify = settings.verify
        self.timeout = settings.values.get("timeout", 60)
        self.session = session or requests.Session()
        retry = Retry(total=settings.values.get("retries", 5), backoff_factor=0.5, status_forcelist=RETRY_STATUSES,
                      allowed_methods=RETRIED_METHODS, raise_on_status=False, respect_retry_after_header=True)
        self.session.mount("https://", HTTPAdapter(max_retries=retry))
        self.session.mount("http://", HTTPAdapter(max_retries=retry))

    def call(self, method: str, path: str, params=None, body=None, ok=(200, 201, 202, 204)):
        headers = {"Accept": "application/json", "Authorization": "Bearer " + self.token.get_token()}
        # verify on each request: a Session's verify loses to REQUESTS_CA_BUNDLE when that is set.
        response = self.session.request(method, self.base_url + path, params=params, json=body, headers=headers,
                                        verify=self.verify, timeout=self.timeout)
        if response.status_code not in ok:
            code, message = error_text(response)
            raise AccountApiError(self.name, response.status_code, code, message)
        if response.status_code == 204 or not response.content:
            return {}
        return response.json()

    def pages(self, path: str, params: dict, items: str = "resources"):
        """Every item of a Resource Controller style list, following next_url."""
        found = []
        page = self.call("GET", path, params=dict(params, limit=100))
        while True:
            found.extend(page.get(items) or [])
            next_url = page.get("next_url")
            if not next_url:
                return found
            page = self.call("GET", next_url)
