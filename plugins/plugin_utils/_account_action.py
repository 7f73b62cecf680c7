# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller side of the account modules: the run's shared IAM token, no S3 endpoint lookup.

The token comes from the same cache entry as the COS modules', so a playbook that sets up an
instance and then its buckets exchanges its key once. A result that carries credentials is marked
no_log here, so the registered variable holds them and no output shows them.
"""
from __future__ import annotations

import os

from ansible.plugins.action import ActionBase

from ansible_collections.ibm.cos.plugins.module_utils import _iam
from ansible_collections.ibm.cos.plugins.module_utils._settings import SettingsError
from ansible_collections.ibm.cos.plugins.module_utils._token_cache import FileCache, cache_dir
from ansible_collections.ibm.cos.plugins.module_utils.account._connection import resolve_account_settings
from ansible_collections.ibm.cos.plugins.plugin_utils._token_action import preflight_error, shared_token

SECRET_RESULT_KEYS = ("credentials",)


def prepare_account_args(args: dict, environ) -> dict:
    try:
        settings = resolve_account_settings(args, environ)
    except SettingsError:
        return args  # the module reports it, with the target's environment taken into account
    args = dict(args)
    if settings.auth_method in ("api_key", "trusted_profile"):
        args["iam_token"] = shared_token(settings, FileCache(cache_dir(environ)))
    return args


class AccountActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        action = self._task.resolved_action or self._task.action
        problem = preflight_error(action, self._task.args, os.environ)
        if problem:
            result.update(failed=True, changed=False, msg=problem)
            return result
        try:
            module_args = prepare_account_args(self._task.args, os.environ)
        except (_iam.IamError, SettingsError) as exc:
            result.update(failed=True, changed=False, msg=str(exc))
            return result
        result.update(self._execute_module(module_name=self._task.resolved_action, module_args=module_args,
                                           task_vars=task_vars))
        if any(result.get(key) for key in SECRET_RESULT_KEYS):
            result["_ansible_no_log"] = True
        return result
