# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AccountModule: an AnsibleModule with the connection options, the account API clients, one error
handler and the one place that decides whether a write is sent (check mode)."""
from __future__ import annotations

import dataclasses
import os
from contextlib import contextmanager

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ibm.cos.plugins.module_utils import _client, _errors
from ansible_collections.ibm.cos.plugins.module_utils._settings import CONNECTION_ARGUMENT_SPEC, SettingsError
from ansible_collections.ibm.cos.plugins.module_utils.account._api import AccountApi
from ansible_collections.ibm.cos.plugins.module_utils.account._connection import (
    ACCOUNT_ARGUMENT_SPEC,
    AccountApiError,
    account_endpoints,
    describe,
    resolve_account_settings,
)

API_NAMES = {
    "resource_controller_endpoint": "the Resource Controller",
    "resource_manager_endpoint": "the Resource Manager",
    "iam_policy_endpoint": "IAM Policy Management",
    "tagging_endpoint": "Global Tagging",
}


def account_argument_spec(module_spec: dict) -> dict:
    spec = dict(CONNECTION_ARGUMENT_SPEC)
    spec.update(ACCOUNT_ARGUMENT_SPEC)
    spec.update(module_spec)
    return spec


class AccountModule(AnsibleModule):
    def __init__(self, argument_spec, **kwargs):
        super().__init__(argument_spec=account_argument_spec(argument_spec), supports_check_mode=True, **kwargs)
        try:
            self.settings = resolve_account_settings(self.params, os.environ)
            self.endpoints = account_endpoints(self.params, os.environ, self.settings.allow_insecure_http)
        except SettingsError as exc:
            self.fail_json(msg=str(exc))
        self.no_log_values.update(self.settings.secrets())
        self.token = _client.SharedToken(self.settings)
        self._apis = {}
        self.writes = []  # what was (or, in check mode, would have been) sent, in words

    @classmethod
    def from_contract(cls, contract):
        """Build from a module's PREFLIGHT contract and refuse what its validator refuses."""
        kwargs = {k: v for k, v in contract.items() if k not in ("argument_spec", "validate")}
        module = cls(argument_spec=contract["argument_spec"], **kwargs)
        validate = contract.get("validate")
        problem = validate(module.params, module.settings) if validate else None
        if problem:
            module.fail_json(msg=problem)
        return module

    def api(self, option: str) -> AccountApi:
        if option not in self._apis:
            self._apis[option] = AccountApi(API_NAMES[option], self.endpoints[option], self.token, self.settings)
        return self._apis[option]

    @property
    def controller(self):
        return self.api("resource_controller_endpoint")

    def write(self, what: str, send):
        """Record a change and send it, unless in check mode; the only place that decides."""
        self.writes.append(what)
        if self.check_mode:
            return None
        return send()

    def instance_buckets(self, instance_crn: str) -> list:
        """Names of the buckets an instance holds (S3 ListBuckets with that instance)."""
        if not (self.settings.endpoint or self.settings.region):
            self.fail_json(msg="checking whether the instance holds buckets needs an S3 endpoint: set region "
                               "(or endpoint), or force: true to delete it without looking")
        settings = dataclasses.replace(self.settings, service_instance_id=instance_crn)
        with self.errors():
            client = _client.build_s3_client(settings, self.token)
            return sorted(b["Name"] for b in client.list_buckets().get("Buckets", []))

    @contextmanager
    def errors(self, **result):
        """Turn any failure inside the block into one clear fail_json (no traceback, no secret)."""
        try:
            yield
        except AccountApiError as exc:
            self.fail_json(msg=describe(exc), status=exc.status, error_code=exc.code, **result)
        except Exception as exc:  # pylint: disable=broad-except
            msg, details = _errors.describe(exc)
            self.fail_json(msg=msg, **dict(result, **details))
