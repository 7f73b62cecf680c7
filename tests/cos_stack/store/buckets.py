"""What COS knows about a bucket beyond moto's S3 state: location, instance, keys, protection,
and the Resource Configuration API's settings."""

import datetime
import hashlib
import json
import threading
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
    object_retention: dict = field(default_factory=dict)  # object key -> retention expiry

    def etag(self):
        digest = hashlib.sha256(json.dumps(
            [self.resource_config, self.updated.isoformat()], sort_keys=True).encode())
        return f'"{digest.hexdigest()[:32]}"'


class Buckets:
    def __init__(self):
        self._lock = threading.RLock()
        self._records = {}

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

    def remove(self, name):
        with self._lock:
            self._records.pop(name, None)

    def all(self):
        with self._lock:
            return sorted(self._records.values(), key=lambda record: record.name)

    def clear(self):
        with self._lock:
            self._records.clear()
