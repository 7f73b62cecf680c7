# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every backup resource class shares: the API client, the one place that decides whether a
write is sent (check mode), the diff, waiting, and the error mapping of the backup calls."""
from __future__ import annotations

import time
from contextlib import contextmanager

from ansible_collections.ibm.cos.plugins.module_utils import _errors
from ansible_collections.ibm.cos.plugins.module_utils.backup._api import BackupApi, BackupApiError

NEEDS_IAM = ("backup vaults, backup policies, recovery ranges and restores live in the Resource Configuration "
             "API, which needs IAM auth: api_key, a trusted profile or iam_token; HMAC keys cannot use it")
DAYS_RANGE = (1, 36500)  # initial_delete_after_days in terraform-provider-ibm's ibm_cos_backup_policy

WAIT_OPTIONS = dict(
    wait=dict(type="bool", default=True),
    wait_timeout=dict(type="int", default=3600),
    poll_interval=dict(type="float", default=5.0),
)


class Failure(_errors.CosError):
    """A refusal the module reports as is, with details for the result."""


def describe_backup_error(exc: BackupApiError) -> str:
    where = f"Resource Configuration API, {exc.what}"
    if exc.status == 403 and "backup-vault.sync" in str(exc):
        return (f"{where}: the bucket may not write into the backup vault (HTTP 403: {exc}). Create a "
                "service-to-service authorization from the bucket's COS instance to the vault's COS "
                "instance with the Backup Manager role (action cloud-object-storage.backup-vault.sync)")
    return _errors.describe_api_status(where, exc.status, exc, {
        401: "not authorized (HTTP 401); the IAM token is missing, expired or invalid",
        403: (f"access denied (HTTP 403: {exc}); vaults need the Backup Manager role, "
              "restores the Manager or Writer role on the target bucket"),
        404: f"not found (HTTP 404: {exc})",
        412: "it changed concurrently (HTTP 412); run again",
    })


class BackupResource:
    """One backup resource of one task: read, compare, write; `write` is the only door to a change.

    It gets the connection and the task's options, never the module: `run()` returns the result or
    raises, and CosModule.run reports it.
    """

    def __init__(self, conn, params, check_mode=False, diff=False):
        self.conn = conn
        self.params = params
        self.check_mode = check_mode
        self.diff = diff
        self.changed = False
        self.before, self.after = {}, {}
        self.warnings = []
        self._api = None

    @property
    def api(self) -> BackupApi:
        if self._api is None:
            self._api = BackupApi(self.conn.config_api)
        return self._api

    def write(self, call, *args, **kwargs):
        """Note the change; send it unless in check mode (then None comes back)."""
        self.changed = True
        if self.check_mode:
            return None
        return call(*args, **kwargs)

    def result(self, **values) -> dict:
        result = dict(changed=self.changed, **values)
        if self.diff:
            result["diff"] = dict(before=self.before, after=self.after)
        if self.warnings:
            result["warnings"] = list(self.warnings)
        return result

    def instance(self) -> str:
        instance = self.conn.setting("service_instance_id")
        if not instance:
            raise Failure("service_instance_id (or IBM_COS_INSTANCE_CRN) is needed: backup vaults belong to an instance")
        return instance

    def bucket_versioning(self, bucket: str) -> str:
        """Enabled, Suspended or Off; read with one GetBucketVersioning call."""
        return self.conn.s3.get_bucket_versioning(Bucket=bucket).get("Status") or "Off"

    def bucket_crn(self, bucket: str) -> str:
        return self.conn.config_api.get_bucket(bucket)[0]["crn"]

    def wait_for(self, read, finished, timeout: int, interval: float, what: str):
        """Poll `read()` until `finished(state)`; returns (last state, [observations])."""
        deadline = time.monotonic() + timeout
        observed = []
        while True:
            state = read()
            observed.append(state)
            if finished(state):
                return state, observed
            if time.monotonic() + interval > deadline:
                raise Failure(f"timed out after {timeout} s waiting for {what}; it goes on in COS: run the task "
                              "again (or poll it) to follow it", last_state=state)
            time.sleep(interval)

    @contextmanager
    def errors(self, **result):
        """Every failure inside becomes one CosError that carries what is known so far."""
        try:
            if self.conn.settings is not None and not self.conn.settings.uses_iam:
                raise Failure(NEEDS_IAM)
            yield
        except Failure as exc:
            raise Failure(str(exc), **dict(self.result(**result), **exc.details)) from None
        except BackupApiError as exc:
            raise Failure(describe_backup_error(exc), status=exc.status, **self.result(**result)) from None
        except Exception as exc:  # pylint: disable=broad-except
            msg, details = _errors.describe(exc)
            raise Failure(msg, **dict(self.result(**result), **details)) from None


def check_days(value, option: str):
    """None when fine, else the message: COS keeps backup data for 1 to 36500 days."""
    if value is not None and not DAYS_RANGE[0] <= value <= DAYS_RANGE[1]:
        return f"{option} must be from {DAYS_RANGE[0]} to {DAYS_RANGE[1]} days, not {value}"
    return None
