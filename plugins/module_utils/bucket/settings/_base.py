# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every bucket setting knows: its options, how to read, normalize, compare and write it.

A setting's values are always in normal form (plain dicts, sorted lists, lowercase where COS is
case-insensitive) so comparing two of them is `==`, and the same value is shown in the diff and
returned to the user.
"""
from __future__ import annotations

import copy
import threading

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError


class SettingError(CosError):
    """The task asks for something COS cannot do from the bucket's current state.

    Raised before any write, so a failing task leaves the bucket as it was.
    """


def drop_none(mapping):
    """The dict without keys whose value is None (unset sub-options)."""
    return {k: v for k, v in mapping.items() if v is not None}


class BucketContext:
    """What a setting may use while reading or writing one bucket.

    `conn` is the CosConnection (`.s3`, `.config_api`); `head` holds the HeadBucket response
    headers (lowercase names) and `config` the Resource Configuration API body, both filled by the
    driver so settings share one call each.
    """

    def __init__(self, conn, bucket, head=None, config=None, config_etag=None):
        self.conn = conn
        self.bucket = bucket
        self.head = head or {}
        self.config = config
        self.config_etag = config_etag
        self._memo = {}
        self._memo_lock = threading.Lock()

    def memo(self, key, fetch):
        """One call per bucket for a value two settings need (settings are read in parallel threads)."""
        with self._memo_lock:
            if key not in self._memo:
                self._memo[key] = fetch()
            return self._memo[key]

    @property
    def s3(self):
        return self.conn.s3

    @property
    def config_api(self):
        return self.conn.config_api


class Setting:
    """One bucket setting, managed only when its option is in the task.

    Subclasses set `name` (the option and the file's name, also the key in diff and results) and
    `absent` (the value of a bucket that never had the setting) and implement `normalize`, `read`
    and `write`. `api` is "s3" for a setting with its own S3 calls, "config" for one that lives in
    the Resource Configuration API body, "head" for one that HeadBucket already answers.
    """

    name = ""
    api = "s3"
    absent = None
    # Settings COS fixes at creation: a difference is an error, never a write.
    immutable = False

    def selected(self, params):
        return params.get(self.name) is not None

    def desired(self, params):
        """The task's value in normal form; raise SettingError for values COS would reject."""
        return self.normalize(params[self.name])

    def normalize(self, value):
        return value

    def resolve(self, desired, current, params):
        """The value to converge to, given the current one (tags without purge merge here)."""
        return desired

    def check_transition(self, current, desired):
        """Raise SettingError when COS cannot go from `current` to `desired` (checked before writes)."""

    def equal(self, current, desired):
        return current == desired

    def fresh(self, params):
        """The value on a bucket this run just created, so it need not be read back."""
        return copy.deepcopy(self.absent)

    def read(self, ctx):
        raise NotImplementedError

    def write(self, ctx, desired, current):
        raise NotImplementedError

    # Resource Configuration API settings override these two instead of read/write.
    def from_config(self, body):
        raise NotImplementedError

    def to_patch(self, desired, current=None):
        raise NotImplementedError


class WholeSetting(Setting):
    """A setting S3 keeps as one configuration: an empty value deletes it, any other replaces it whole.

    Subclasses name the S3 client's `put` and `delete` methods and build the put's arguments.
    """

    put = delete = ""

    def is_empty(self, desired):
        return not desired

    def put_arguments(self, desired):
        raise NotImplementedError

    def write(self, ctx, desired, current):
        if self.is_empty(desired):
            getattr(ctx.s3, self.delete)(Bucket=ctx.bucket)
        else:
            getattr(ctx.s3, self.put)(Bucket=ctx.bucket, **self.put_arguments(desired))


class FlagSetting(Setting):
    """A setting that is on or off."""

    absent = False

    def normalize(self, value):
        return bool(value)


class ImmutableSetting(Setting):
    """A creation-time setting: compared on existing buckets, never written after creation."""

    immutable = True

    def fresh(self, params):
        return self.desired(params)
    # What the user can do instead, appended to the mismatch message.
    remedy = ("COS cannot change this after creation. Create a new bucket with the desired "
              "setting and copy the objects across (for example with ibm.cos.cos_sync), or set "
              "the option to the current value.")

    def describe(self, value):
        return repr(value)

    def check_transition(self, current, desired):
        if not self.equal(current, desired):
            raise SettingError(
                "%s cannot change on the existing bucket: current %s, desired %s. %s"
                % (self.name, self.describe(current), self.describe(desired), self.remedy))

    def write(self, ctx, desired, current):  # pragma: no cover - check_transition stops it first
        raise SettingError(f"{self.name} can only be set when the bucket is created")
