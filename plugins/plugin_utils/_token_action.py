# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller side of every ibm.cos module: one IAM exchange and one endpoints lookup per run.

ansible-core forks a worker per task, so nothing in memory survives between tasks; a locked file
cache does. The plugin resolves the connection settings as the module will, takes a token from the
cache (exchanging the key only when no usable token is cached), resolves `region` to an endpoint,
and hands `iam_token`, `endpoint` and `config_endpoint` to the module. Settings it cannot resolve
are left for the module to report, so every message comes from one place.
"""
from __future__ import annotations

import importlib
import os
import time

from ansible.plugins.action import ActionBase

from ansible_collections.ibm.cos.plugins.module_utils import _endpoints, _iam
from ansible_collections.ibm.cos.plugins.module_utils._settings import (
    CONNECTION_ARGUMENT_SPEC,
    MissingSetting,
    SettingsError,
    resolve_settings,
)
from ansible_collections.ibm.cos.plugins.module_utils._token_cache import (
    FileCache,
    cache_dir,
    entry_name,
    fresh_for,
)

ENDPOINTS_MAX_AGE = 3600


def _token_identity(settings) -> tuple:
    if settings.auth_method == "api_key":
        return ("apikey", settings.api_key, settings.iam_endpoint)
    name = settings.values.get("trusted_profile_id") or settings.values.get("trusted_profile_name")
    return ("profile", name, settings.cr_token_file, settings.iam_endpoint)


def shared_token(settings, cache: FileCache) -> str:
    def fresh(data):
        return _iam.Token.from_cache(data).usable()

    def exchange():
        grant = _iam.grant_for(settings)
        return _iam.exchange(settings.iam_endpoint, grant, settings.verify, settings.timeout).as_cache()

    return cache.get_or_create(entry_name("token", *_token_identity(settings)), fresh, exchange)["access_token"]


def shared_endpoints_document(settings, cache: FileCache) -> dict:
    def fetch():
        document = _endpoints.fetch_document(settings.endpoints_url, settings.verify, settings.timeout)
        return {"fetched_at": time.time(), "document": document}

    name = entry_name("endpoints", settings.endpoints_url)
    return cache.get_or_create(name, fresh_for(ENDPOINTS_MAX_AGE), fetch)["document"]


def prepare_module_args(args: dict, environ) -> dict:
    """Add the shared token and resolved endpoints to a task's args. Raises IAM/endpoint errors."""
    try:
        settings = resolve_settings(args, environ)
    except SettingsError:
        return args  # the module reports it, with the target's environment taken into account
    cache = FileCache(cache_dir(environ))
    args = dict(args)
    needs_document = not settings.values.get("endpoint") or (
        settings.uses_iam and not settings.values.get("config_endpoint"))
    if needs_document:
        try:
            document = shared_endpoints_document(settings, cache)
        except _endpoints.EndpointError:
            if not settings.values.get("endpoint"):
                raise
            document = None  # an explicit endpoint works without it; the module falls back if it must
        if document is not None:
            if not settings.values.get("endpoint"):
                args["endpoint"] = _endpoints.s3_endpoint(document, settings.region, settings.endpoint_type)
            if settings.uses_iam and not settings.values.get("config_endpoint"):
                args["config_endpoint"] = _endpoints.config_endpoint(document, settings.endpoint_type)
    if settings.auth_method in ("api_key", "trusted_profile"):
        args["iam_token"] = shared_token(settings, cache)
    return args


def task_contract(action: str):
    """The module's PREFLIGHT declaration (argument_spec, mutually_exclusive, validate), if it has one."""
    name = action.rsplit(".", 1)[-1]
    try:
        module = importlib.import_module("ansible_collections.ibm.cos.plugins.modules." + name)
    except ImportError:
        return None
    return getattr(module, "PREFLIGHT", None)


def preflight_error(action: str, args: dict, environ):
    """What the module would refuse in `args`, found here so bad input costs no call at all.

    The module checks the same things again on the target; this only moves the failure before
    the token exchange and the endpoints lookup (and saves starting the module).
    """
    contract = task_contract(action)
    if not contract:
        return None
    from ansible.module_utils.common.arg_spec import ModuleArgumentSpecValidator
    from ansible.module_utils.errors import UnsupportedError

    spec = dict(CONNECTION_ARGUMENT_SPEC)
    spec.update(contract["argument_spec"])
    names = ("mutually_exclusive", "required_together", "required_one_of", "required_if", "required_by")
    kwargs = {k: contract[k] for k in names if contract.get(k)}
    checked = ModuleArgumentSpecValidator(spec, **kwargs).validate(dict(args))
    try:
        first = checked.errors[0]  # the error list is always truthy; AnsibleModule indexes it too
    except IndexError:
        first = None
    if first is not None:
        msg = checked.errors.msg
        if isinstance(first, UnsupportedError):
            msg = f"Unsupported parameters for ({action.rsplit('.', 1)[-1]}) module: {msg}"
        return msg
    params = checked.validated_parameters
    try:
        settings = resolve_settings(params, environ)
    except MissingSetting:
        return None  # left to the module, whose environment may have it (no call is made either way)
    except SettingsError as exc:
        return str(exc)
    validate = contract.get("validate")
    try:
        return validate(params, settings) if validate else None
    except Exception:  # pylint: disable=broad-except
        return None  # a check that cannot run here runs again in the module, which reports it


class CosActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        problem = preflight_error(self._task.resolved_action or self._task.action, self._task.args, os.environ)
        if problem:
            result.update(failed=True, changed=False, msg=problem)
            return result
        try:
            module_args = prepare_module_args(self._task.args, os.environ)
        except (_iam.IamError, SettingsError) as exc:
            result.update(failed=True, changed=False, msg=str(exc))
            return result
        result.update(self._execute_module(module_name=self._task.resolved_action, module_args=module_args,
                                           task_vars=task_vars))
        return result
