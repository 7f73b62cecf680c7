# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the account APIs live, how a task reaches them, and what their errors mean.

The account modules use the collection's connection options and IAM token; only the base URLs of
the Resource Controller, Resource Manager, IAM Policy Management and Global Tagging APIs are theirs.
They never talk to S3 except to ask whether an instance still holds buckets, so an S3 endpoint or
region is optional for them.
"""
from __future__ import annotations

import dataclasses

from ansible_collections.ibm.cos.plugins.module_utils._connection import CosConnection
from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils._setting_checks import SettingsError, check_url, require_https

ENDPOINT_OPTIONS = {
    # option: (default base URL, environment variables, the path the API's calls start with)
    "resource_controller_endpoint": ("https://resource-controller.cloud.ibm.com",
                                     ("IBM_RESOURCE_CONTROLLER_ENDPOINT", "IBMCLOUD_RESOURCE_CONTROLLER_API_ENDPOINT"),
                                     "/v2/resource_instances"),
    "resource_manager_endpoint": ("https://resource-controller.cloud.ibm.com",
                                  ("IBM_RESOURCE_MANAGER_ENDPOINT", "IBMCLOUD_RESOURCE_MANAGEMENT_API_ENDPOINT"),
                                  "/v2/resource_groups"),
    "iam_policy_endpoint": ("https://iam.cloud.ibm.com", ("IBM_IAM_POLICY_ENDPOINT",), "/v1/policies"),
    "tagging_endpoint": ("https://tags.global-search-tagging.cloud.ibm.com",
                         ("IBM_GLOBAL_TAGGING_ENDPOINT", "IBMCLOUD_GT_API_ENDPOINT"), "/v3/tags"),
}
ACCOUNT_ARGUMENT_SPEC = {name: dict(type="str") for name in ENDPOINT_OPTIONS}
API_NAMES = {
    "resource_controller_endpoint": "the Resource Controller",
    "resource_manager_endpoint": "the Resource Manager",
    "iam_policy_endpoint": "IAM Policy Management",
    "tagging_endpoint": "Global Tagging",
}


class AccountApiError(CosError):
    """An account API answered an error status; the message says what to check, and the result
    gets the status and the API's error code."""

    def __init__(self, api: str, status: int, code: str, message: str):
        self.api, self.status, self.code, self.message = api, status, code, message
        super().__init__(describe(self), status=status, error_code=code)


def require_iam(settings):
    """The account APIs take IAM bearer tokens only."""
    if not settings.uses_iam:
        raise SettingsError("the account APIs need IAM auth (api_key, a trusted profile or iam_token); "
                            "HMAC keys cannot be used for them")


def account_endpoints(params, environ, allow_insecure_http=False) -> dict:
    """{option: base URL}: the task option, then its environment variables, then IBM's public URL.

    A URL that already ends in the API's path (https://iam.cloud.ibm.com/v1/policies) is accepted too.
    """
    found = {}
    for option, (default, env_names, api_path) in ENDPOINT_OPTIONS.items():
        value = params.get(option) or next((environ[n] for n in env_names if environ.get(n)), None) or default
        check_url(value, option)
        require_https(value, option, allow_insecure_http)  # the calls carry the bearer token
        value = value.rstrip("/")
        if value.endswith(api_path):
            value = value[:-len(api_path)]
        found[option] = value
    return found


def error_text(response) -> tuple:
    """(code, message) from any of the account APIs' error bodies."""
    try:
        body = response.json()
    except ValueError:
        return "", (response.text or response.reason or "")[:300]
    if not isinstance(body, dict):
        return "", str(body)[:300]
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("code", "")), str(errors[0].get("message", ""))
    return (str(body.get("error_code") or body.get("code") or ""),
            str(body.get("message") or body.get("error") or body)[:300])


def describe(exc: AccountApiError) -> str:
    where = f"{exc.api} answered HTTP {exc.status}"
    if exc.status == 401:
        return f"{where}: the IAM token was refused; check api_key and iam_endpoint ({exc.message})"
    if exc.status == 403:
        return (f"{where}: not allowed ({exc.message}); the credentials need the Editor or Administrator platform "
                "role on the resource group or service (Administrator on IAM for authorizations)")
    return f"{where} {exc.code}: {exc.message}".replace(" : ", ": ")


class AccountConnection(CosConnection):
    """What account resources get instead of the module: the settings, the IAM token, the account
    API clients (built on first use) and, for the one question S3 answers, an S3 client."""

    def __init__(self, settings, endpoints: dict):
        super().__init__(settings)
        self.endpoints = endpoints
        self._apis = {}

    def api(self, option: str):
        """The client of one account API, named by its endpoint option."""
        from ansible_collections.ibm.cos.plugins.module_utils.account._api import AccountApi

        with self._lock:
            if option not in self._apis:
                self._apis[option] = AccountApi(API_NAMES[option], self.endpoints[option], self.token, self.settings)
            return self._apis[option]

    @property
    def controller(self):
        return self.api("resource_controller_endpoint")

    def instance_buckets(self, instance_crn: str) -> list:
        """Names of the buckets an instance holds (S3 ListBuckets with that instance)."""
        if not (self.settings.endpoint or self.settings.region):
            raise CosError("checking whether the instance holds buckets needs an S3 endpoint: set region "
                           "(or endpoint), or force: true to delete it without looking")
        conn = CosConnection(dataclasses.replace(self.settings, service_instance_id=instance_crn))
        return sorted(b["Name"] for b in conn.s3.list_buckets().get("Buckets", []))
