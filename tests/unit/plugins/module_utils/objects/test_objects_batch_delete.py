"""DeleteObjects batching, shared by cos_sync's delete and cos_bucket's force."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils.objects.batch_delete import batches, delete_batch


class Denied(Exception):
    response = {"Error": {"Code": "AccessDenied"}}


class FakeS3:
    """Refuses a whole batch when it holds a held key, as some endpoints do."""

    def __init__(self, held=()):
        self.held = set(held)
        self.calls = []

    def delete_objects(self, Bucket, Delete):
        self.calls.append(("delete_objects", len(Delete["Objects"])))
        if any(o["Key"] in self.held for o in Delete["Objects"]):
            raise Denied()
        return {}

    def delete_object(self, Bucket, Key, **_):
        self.calls.append(("delete_object", Key))
        if Key in self.held:
            raise Denied()


def test_batches_of_a_thousand():
    assert [len(b) for b in batches(list(range(2500)))] == [1000, 1000, 500]


def test_a_clean_batch_is_one_call_and_no_failure():
    s3 = FakeS3()
    assert delete_batch(s3, "b", [{"Key": "a"}, {"Key": "b"}]) == []
    assert s3.calls == [("delete_objects", 2)]


def test_a_refused_batch_raises_unless_asked_to_go_key_by_key():
    with pytest.raises(Denied):
        delete_batch(FakeS3(held={"b"}), "b", [{"Key": "a"}, {"Key": "b"}])


def test_key_by_key_names_the_held_key_and_deletes_the_rest():
    s3 = FakeS3(held={"b"})
    failures = delete_batch(s3, "b", [{"Key": "a"}, {"Key": "b"}], one_by_one_when_denied=True)
    assert failures == [{"Key": "b", "Code": "AccessDenied"}]
    assert s3.calls == [("delete_objects", 2), ("delete_object", "a"), ("delete_object", "b")]
