"""A client for the stack's admin API (/_stack). Standard library + requests only, so any test
can import it."""

import os

import requests

WRITE_PREFIXES = ("Put", "Create", "Delete", "Upload", "Complete", "Abort", "Copy", "Add",
                  "Restore", "Extend", "Update", "Patch", "Attach", "Detach")
WRITE_NAMES = {"config_patch"}


def is_write(op):
    return op in WRITE_NAMES or op.startswith(WRITE_PREFIXES)


def writes(ops):
    """The write operations of an ops dict ({name: count}), zero counts dropped."""
    return {op: count for op, count in ops.items() if count and is_write(op)}


def reads(ops):
    """Everything in an ops dict that is not a write (IAM and endpoint lookups included)."""
    return {op: count for op, count in ops.items() if count and not is_write(op)}


class StackAdmin:
    def __init__(self, base_url, ca_bundle=None, timeout=10):
        self.base_url = base_url.rstrip("/")
        self.verify = ca_bundle or True
        self.timeout = timeout

    @classmethod
    def from_env(cls, environ=None):
        """Built from IBM_COS_STACK_ADMIN and IBM_COS_CA_BUNDLE (os.environ, else the env file)."""
        environ = environ if environ is not None else os.environ
        if "IBM_COS_STACK_ADMIN" not in environ:
            from ..process.envfile import load

            environ = load()
        return cls(environ["IBM_COS_STACK_ADMIN"], environ.get("IBM_COS_CA_BUNDLE"))

    def _call(self, method, path, body=None):
        response = requests.request(method, self.base_url + path, json=body,
                                    verify=self.verify, timeout=self.timeout)
        response.raise_for_status()
        return response.json()

    def counters(self):
        """{operation name: count} since the last reset."""
        return self._call("GET", "/counters")["ops"]

    def counters_by_bucket(self):
        """{bucket: {operation name: count}}."""
        return self._call("GET", "/counters")["by_bucket"]

    def reset_counters(self):
        self._call("POST", "/counters/reset")

    def set_fault(self, op, status=None, rate=1.0, latency_ms=0, reset_connection=False, count=None,
                  bucket=None):
        """Fail, slow or drop a share of the calls to op ('*' = every S3 call, or 'iam_token',
        'config_get', 'config_patch', 'endpoints_doc'); with bucket, only calls on that bucket."""
        return self._call("POST", "/faults", {
            "op": op, "status": status, "rate": rate, "latency_ms": latency_ms,
            "reset_connection": reset_connection, "count": count, "bucket": bucket,
        })

    def clear_faults(self):
        self._call("DELETE", "/faults")

    def configure(self, **settings):
        """e.g. configure(token_lifetime=10), configure(iam_available=False) or
        configure(name_reservation_seconds=0)."""
        return self._call("POST", "/config", settings)

    def seed_replication_failures(self, bucket, failures):
        """Give `bucket` long-term replication failures, each a dict with key, first_sync_attempted
        (ISO 8601) and optionally version_id, sync_type, last_sync_attempted, cause."""
        return self._call("POST", "/replication-failures", {"bucket": bucket, "failures": failures})

    def reset(self):
        """Empty store, zero counters, no faults, default settings."""
        self._call("POST", "/reset")
