# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AccountModule: a CosModule that needs no S3 endpoint, with the account API clients, its error
mapping and the one place that decides whether a write is sent (check mode)."""
from __future__ import annotations

import dataclasses
import os
from contextlib import contextmanager

from ansible_collections.ibm.cos.plugins.module_utils import _errors
from ansible_collections.ibm.cos.plugins.module_utils._connection import CosConnection
from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule
from ansible_collections.ibm.cos.plugins.module_utils._settings import SettingsError
from ansible_collections.ibm.cos.plugins.module_utils.account._api import AccountApi
from ansible_collections.ibm.cos.plugins.module_utils.account._connection import (
    ACCOUNT_ARGUMENT_SPEC,
    AccountApiError,
    account_endpoints,
    describe,
    require_iam,
)

API_NAMES = {
    "resource_controller_endpoint": "the Resource Controller",
    "resource_manager_endpoint": "the Resource Manager",
    "iam_policy_endpoint": "IAM Policy Management",
    "tagging_endpoint": "Global Tagging",
}


class AccountModule(CosModule):
    NEEDS_S3_ENDPOINT = False

    def __init__(self, argument_spec, **kwargs):
        spec = dict(ACCOUNT_ARGUMENT_SPEC)
        spec.update(argument_spec)
        super().__init__(spec, **kwargs)
        try:
            require_iam(self.settings)
            self.endpoints = account_endpoints(self.params, os.environ, self.settings.allow_insecure_http)
        except SettingsError as exc:
            self.fail_json(msg=str(exc))
        self._apis = {}
        self.writes = []  # what was (or, in check mode, would have been) sent, in words

    def api(self, option: str) -> AccountApi:
        if option not in self._apis:
            self._apis[option] = AccountApi(API_NAMES[option], self.endpoints[option], self.conn.token,
                                            self.settings)
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
        conn = CosConnection(dataclasses.replace(self.settings, service_instance_id=instance_crn))
        with self.errors():
            return sorted(b["Name"] for b in conn.s3.list_buckets().get("Buckets", []))

    @contextmanager
    def errors(self, bucket=None, key=None, **result):
        """Turn any failure inside the block into one clear fail_json (no traceback, no secret)."""
        try:
            yield
        except AccountApiError as exc:
            self.fail_json(msg=describe(exc), status=exc.status, error_code=exc.code, **result)
        except Exception as exc:  # pylint: disable=broad-except
            msg, details = _errors.describe(exc, bucket=bucket, key=key)
            self.fail_json(msg=msg, **dict(result, **details))
