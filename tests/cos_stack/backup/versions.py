"""Object versions read from and written back into moto's versioned store, with their timestamps.

A backup copies versions (bytes, version ID, ETag, last-modified time) out of the source bucket into
the vault, so a later version-delete on the source cannot take them away; a restore writes those
copies back with the same version ID, ETag and time (bvm-restore.md "Triggering restores").
"""

import datetime
from dataclasses import dataclass, field

from moto.core import DEFAULT_ACCOUNT_ID
from moto.s3.models import FakeDeleteMarker, FakeKey

from ..store import moto_store


@dataclass(frozen=True)
class SyncedVersion:
    key: str
    version_id: str
    last_modified: datetime.datetime  # aware, UTC
    etag: str | None  # None for a delete marker
    body: bytes | None  # None for a delete marker
    metadata: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def is_delete_marker(self):
        return self.body is None

    @property
    def size(self):
        return len(self.body or b"")


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _copy(key_name, version):
    when = _aware(version.last_modified)
    if isinstance(version, FakeDeleteMarker):
        return SyncedVersion(key_name, version.version_id, when, None, None)
    return SyncedVersion(key_name, version.version_id, when, version.etag.strip('"'), version.value,
                         dict(version.metadata))


def _key_lists(bucket):
    # moto's request threads may add keys meanwhile: iterate over a snapshot of the names.
    for name in list(bucket.keys.keys()):
        versions = bucket.keys.getlist(name, [])
        yield name, list(versions)


def all_versions(bucket_name):
    """Every version and delete marker of a bucket, oldest first per key."""
    bucket = moto_store.find_bucket(bucket_name)
    if bucket is None:
        return []
    return [_copy(name, version) for name, versions in _key_lists(bucket) for version in versions]


def current_versions(bucket_name):
    """The current version of every key that is not deleted: what an initial sync copies."""
    bucket = moto_store.find_bucket(bucket_name)
    if bucket is None:
        return []
    found = []
    for name, versions in _key_lists(bucket):
        if versions and not isinstance(versions[-1], FakeDeleteMarker):
            found.append(_copy(name, versions[-1]))
    return found


# ledger: BKT-04
def write_version(bucket_name, synced):
    """Put a version back into a bucket's history by its time; False when it is already there."""
    bucket = moto_store.find_bucket(bucket_name)
    if bucket is None:
        return False
    history = list(bucket.keys.getlist(synced.key, []) or [])
    if any(existing.version_id == synced.version_id for existing in history):
        return False
    naive_time = synced.last_modified.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    if synced.is_delete_marker:
        placeholder = FakeKey(synced.key, b"", DEFAULT_ACCOUNT_ID, "us-east-1", bucket_name=bucket_name)
        restored = FakeDeleteMarker(placeholder)
        restored._version_id = synced.version_id  # pylint: disable=protected-access
    else:
        restored = FakeKey(synced.key, synced.body, DEFAULT_ACCOUNT_ID, "us-east-1", etag=synced.etag,
                           is_versioned=True, version_id=synced.version_id, bucket_name=bucket_name)
        restored.set_metadata(dict(synced.metadata))
    restored.last_modified = naive_time
    history.append(restored)
    # COS files a restored version into the history by its LastModifiedTime, so it becomes the
    # current version only when nothing newer exists (bvm-restore.md).
    history.sort(key=lambda version: _aware(version.last_modified))
    bucket.keys.setlist(synced.key, history)
    return True
