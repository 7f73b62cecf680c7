# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CosModule: an AnsibleModule with the connection options, a CosConnection and one error handler.

Resource classes get `module.conn` (settings and clients), never the module: only the main thread
calls fail_json or exit_json, here.
"""
from __future__ import annotations

import os
from contextlib import contextmanager

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ibm.cos.plugins.module_utils import _errors
from ansible_collections.ibm.cos.plugins.module_utils._connection import CosConnection
from ansible_collections.ibm.cos.plugins.module_utils._settings import (
    CONNECTION_ARGUMENT_SPEC,
    SettingsError,
    resolve_settings,
)


class CosModule(AnsibleModule):
    # Modules that call only IBM Cloud's platform APIs (the account modules) set this to False.
    NEEDS_S3_ENDPOINT = True
    # The options every module of this kind takes besides its own.
    SHARED_ARGUMENT_SPEC = CONNECTION_ARGUMENT_SPEC

    def __init__(self, argument_spec, **kwargs):
        spec = dict(self.SHARED_ARGUMENT_SPEC)
        spec.update(argument_spec)
        super().__init__(argument_spec=spec, **kwargs)
        try:
            self.settings = resolve_settings(self.params, os.environ, needs_s3_endpoint=self.NEEDS_S3_ENDPOINT)
            # Secrets that came from the environment or a file are masked like no_log options.
            self.no_log_values.update(self.settings.secrets())
            self.conn = self.connect()
        except SettingsError as exc:
            self.fail_json(msg=str(exc))

    def connect(self):
        """What the resources get instead of the module (may raise SettingsError)."""
        return CosConnection(self.settings)

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

    @contextmanager
    def errors(self, bucket=None, key=None, **result):
        """Turn any failure inside the block into one clear fail_json (no traceback, no secret)."""
        try:
            yield
        except Exception as exc:  # pylint: disable=broad-except
            msg, details = _errors.describe(exc, bucket=bucket, key=key)
            self.fail_json(msg=msg, **dict(result, **details))

    def run(self, task, bucket=None, key=None, unmasked=(), masked=None):
        """Run a resource's task (a callable returning the result dict) and exit with its result.

        `unmasked` (filled while the task runs) names values the result must show unmasked; `masked`
        (filled while the task runs, too) names secrets the task met, hidden like no_log options in
        the result and in a failure alike.
        """
        def task_then_mask():
            try:
                return task()
            finally:  # before errors() reports a failure, so its message is masked as well
                self.no_log_values.update(masked or ())

        with self.errors(bucket=bucket, key=key):
            result = task_then_mask()
        self.no_log_values.difference_update(unmasked)
        self.exit_json(**result)


def run_module(resource_class, contract, module_class=CosModule):
    """The main() of a module that converges one resource: check the task against its PREFLIGHT
    contract, build the resource from the module's connection and options (never the module), run it.

    A resource may hold `secrets`, a set it fills with values it reads that must never be shown.
    """
    module = module_class.from_contract(contract)
    resource = resource_class(module.conn, module.params, check_mode=module.check_mode, diff=module._diff)
    module.run(resource.run, masked=getattr(resource, "secrets", None))
