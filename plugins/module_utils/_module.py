# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CosModule: an AnsibleModule with the connection options, lazy clients and one error handler."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ibm.cos.plugins.module_utils import _client, _errors
from ansible_collections.ibm.cos.plugins.module_utils._settings import (
    CONNECTION_ARGUMENT_SPEC,
    SettingsError,
    resolve_settings,
)

MAX_PARALLEL_READS = 8
CONFIG_API_NEEDS_IAM = ("the Resource Configuration API (firewall, activity_tracking, metrics_monitoring, "
                        "hard_quota) needs IAM auth: api_key, a trusted profile or iam_token; HMAC keys cannot use it")


class CosModule(AnsibleModule):
    def __init__(self, argument_spec, **kwargs):
        spec = dict(CONNECTION_ARGUMENT_SPEC)
        spec.update(argument_spec)
        super().__init__(argument_spec=spec, **kwargs)
        try:
            self.settings = resolve_settings(self.params, os.environ)
        except SettingsError as exc:
            self.fail_json(msg=str(exc))
        # Secrets that came from the environment or a file are masked like no_log options.
        self.no_log_values.update(self.settings.secrets())
        self._s3 = self._config_api = self._token = None

    @classmethod
    def from_contract(cls, contract):
        """Build from a module's PREFLIGHT contract and refuse what its validator refuses: the same
        check the controller makes before any call, made again here for runs without it."""
        kwargs = {k: v for k, v in contract.items() if k not in ("argument_spec", "validate")}
        module = cls(argument_spec=contract["argument_spec"], supports_check_mode=True, **kwargs)
        validate = contract.get("validate")
        problem = validate(module.params, module.settings) if validate else None
        if problem:
            module.fail_json(msg=problem)
        return module

    @property
    def token(self):
        if self._token is None and self.settings.uses_iam:
            self._token = _client.SharedToken(self.settings)
        return self._token

    @property
    def s3(self):
        if self._s3 is None:
            with self.errors():
                self._s3 = _client.fail_fast_on_untrusted_certificates(
                    _client.build_s3_client(self.settings, self.token))
        return self._s3

    @property
    def config_api(self):
        """The Resource Configuration API client (only bucket settings that live there use it)."""
        if self._config_api is None:
            from ansible_collections.ibm.cos.plugins.module_utils._config_api import ConfigApi

            if not self.settings.uses_iam:
                self.fail_json(msg=CONFIG_API_NEEDS_IAM)
            with self.errors():
                self._config_api = ConfigApi(_client.config_endpoint_url(self.settings), self.token,
                                             self.settings.verify, self.settings.timeout)
        return self._config_api

    def run_parallel(self, calls: dict) -> dict:
        """Run independent reads at once; {name: fn} -> {name: result}. The first error is raised."""
        if len(calls) <= 1:
            return {name: fn() for name, fn in calls.items()}
        with ThreadPoolExecutor(max_workers=min(len(calls), MAX_PARALLEL_READS)) as pool:
            futures = {name: pool.submit(fn) for name, fn in calls.items()}
            return {name: future.result() for name, future in futures.items()}

    @contextmanager
    def errors(self, bucket=None, key=None, **result):
        """Turn any failure inside the block into one clear fail_json (no traceback, no secret)."""
        try:
            yield
        except Exception as exc:  # pylint: disable=broad-except
            msg, details = _errors.describe(exc, bucket=bucket, key=key)
            self.fail_json(msg=msg, **dict(result, **details))
