"""Replication from a bucket with Object Lock: which destinations earn a warning, and what is read."""
import types

from ansible_collections.ibm.cos.plugins.module_utils.bucket.replication_lock import object_lock_warnings
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import BucketContext

LOCKED = {"ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled"}}


class NotLocked(Exception):
    response = {"Error": {"Code": "ObjectLockConfigurationNotFoundError"}}


class S3:
    def __init__(self, locks):
        self.locks, self.asked = locks, []

    def get_object_lock_configuration(self, Bucket):  # noqa: N803 (the SDK's argument name)
        self.asked.append(Bucket)
        answer = self.locks[Bucket]
        if isinstance(answer, Exception):
            raise answer
        return answer


def context(locks):
    return BucketContext(types.SimpleNamespace(s3=S3(locks)), "source")


def rule(rule_id, destination, enabled=True):
    return {"id": rule_id, "destination_bucket": f"crn:v1:bluemix:public:cloud-object-storage:global:a/x:g:bucket:{destination}",
            "enabled": enabled}


def test_an_unlocked_source_reads_no_destination():
    ctx = context({})
    assert object_lock_warnings(ctx, [rule("r", "open")], locked_source=False) == []
    assert ctx.conn.s3.asked == []


def test_each_unlocked_destination_is_warned_about_once_with_its_rules():
    ctx = context({"open": NotLocked(), "locked": LOCKED, "elsewhere": RuntimeError("404 on this endpoint")})
    rules = [rule("a", "open"), rule("b", "open"), rule("c", "locked"), rule("d", "elsewhere"),
             rule("off", "never-read", enabled=False)]

    [warning] = object_lock_warnings(ctx, rules, locked_source=True)

    assert "['a', 'b']" in warning and "destination bucket 'open' does not" in warning
    assert sorted(ctx.conn.s3.asked) == ["elsewhere", "locked", "open"]  # one read each; a disabled rule none
