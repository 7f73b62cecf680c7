"""What COS knows about a bucket beyond moto's S3 state: location, instance, keys, protection,
and the Resource Configuration API's settings."""

import datetime
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


# ledger: CFG-14
def default_resource_config():
    """A new bucket's Resource Configuration: nothing set, so GET shows no section."""
    return {}


@dataclass
class BucketRecord:
    name: str
    location: str
    location_constraint: str
    instance: str
    created: datetime.datetime = field(default_factory=utc_now)
    updated: datetime.datetime = field(default_factory=utc_now)
    root_key_crn: str | None = None
    protection: dict | None = None  # {"Status", "MinimumRetention", ...} once set
    resource_config: dict = field(default_factory=default_resource_config)
    legal_holds: dict = field(default_factory=dict)  # object key -> {hold id: creation time}
    replication: bytes | None = None  # the PutBucketReplication XML as sent
    lifecycle: bytes | None = None  # the PutBucketLifecycleConfiguration XML moto accepted
    object_retention: dict = field(default_factory=dict)  # object key -> retention expiry
    replication_failures: list = field(default_factory=list)  # long-term failures, seeded by tests
    reattempt_scheduled: datetime.datetime | None = None  # when the last reattempt runs

    def etag(self):
        digest = hashlib.sha256(json.dumps(
            [self.resource_config, self.updated.isoformat()], sort_keys=True).encode())
        return f'"{digest.hexdigest()[:32]}"'


class Buckets:
    def __init__(self):
        self._lock = threading.RLock()
        self._records = {}
        self._reserved = {}  # name of a deleted bucket -> monotonic time its name is free again

    @property
    def lock(self):
        """Held across a read-check-write of one bucket's IBM settings."""
        return self._lock

    def add(self, record):
        with self._lock:
            self._records[record.name] = record

    def get(self, name):
        with self._lock:
            return self._records.get(name)

    def remove(self, name, reserve_seconds=0):
        with self._lock:
            self._records.pop(name, None)
            if reserve_seconds:
                self._reserved[name] = time.monotonic() + reserve_seconds

    def reserved(self, name):
        """True while a deleted bucket's name is held back."""
        with self._lock:
            until = self._reserved.get(name)
            if until is not None and until <= time.monotonic():
                del self._reserved[name]
                until = None
            return until is not None

    def all(self):
        with self._lock:
            return sorted(self._records.values(), key=lambda record: record.name)

    def clear(self):
        with self._lock:
            self._records.clear()
            self._reserved.clear()
