"""Injected faults: error answers, added latency and dropped connections for chosen operations."""

import random
import threading
from dataclasses import dataclass

ALLOWED_STATUSES = (412, 500, 503)


@dataclass
class Fault:
    op: str  # an operation name, or "*" for every S3 operation
    status: int | None = None
    rate: float = 1.0
    latency_ms: int = 0
    reset_connection: bool = False
    count: int | None = None  # how many more times it may fire; None is unlimited
    bucket: str | None = None  # only calls on this bucket, so parallel tests do not trip each other

    @classmethod
    def from_json(cls, body):
        fault = cls(
            op=str(body["op"]),
            status=body.get("status"),
            rate=float(body.get("rate", 1.0)),
            latency_ms=int(body.get("latency_ms") or 0),
            reset_connection=bool(body.get("reset_connection", False)),
            count=body.get("count"),
            bucket=body.get("bucket"),
        )
        if fault.status is not None and fault.status not in ALLOWED_STATUSES:
            raise ValueError(f"status must be one of {ALLOWED_STATUSES}, got {fault.status}")
        if not 0.0 <= fault.rate <= 1.0:
            raise ValueError(f"rate must be between 0 and 1, got {fault.rate}")
        return fault

    def matches(self, op, is_s3, bucket=None):
        # "*" means every S3 call: IAM, the config API and the endpoints document are named explicitly.
        if self.bucket is not None and self.bucket != bucket:
            return False
        return self.op == op or (self.op == "*" and is_s3)


@dataclass
class Firing:
    """What happens to one request: wait, then maybe fail or drop."""

    latency_ms: int = 0
    status: int | None = None
    reset_connection: bool = False

    @property
    def blocks(self):
        return self.status is not None or self.reset_connection


class Faults:
    def __init__(self, seed=None):
        self._lock = threading.Lock()
        self._faults = []
        self._random = random.Random(seed)

    def add(self, fault):
        with self._lock:
            self._faults.append(fault)

    def clear(self):
        with self._lock:
            self._faults.clear()

    def list(self):
        with self._lock:
            return [dict(vars(fault)) for fault in self._faults]

    def fire(self, op, is_s3=True, bucket=None):
        """Decide, once per request, which faults fire; consumes their counts."""
        firing = Firing()
        with self._lock:
            for fault in self._faults:
                if not fault.matches(op, is_s3, bucket) or fault.count == 0:
                    continue
                if self._random.random() >= fault.rate:
                    continue
                if fault.count is not None:
                    fault.count -= 1
                firing.latency_ms += fault.latency_ms
                if fault.reset_connection:
                    firing.reset_connection = True
                if fault.status is not None and firing.status is None:
                    firing.status = fault.status
        return firing
