"""Emptying a bucket: batches of at most 1000 keys, every version and upload, held objects named."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils.bucket.emptying import BucketNotEmptied, empty_bucket


class AccessDenied(Exception):
    response = {"Error": {"Code": "AccessDenied"}}


class FakeS3:
    def __init__(self, versions, markers=0, uploads=0, held=(), refuse_batches=False):
        self.pages = [{"Versions": [{"Key": f"k{i}", "VersionId": f"v{i}"} for i in range(versions)],
                       "DeleteMarkers": [{"Key": f"m{i}", "VersionId": f"d{i}"} for i in range(markers)]}]
        self.uploads = [{"Key": f"u{i}", "UploadId": f"id{i}"} for i in range(uploads)]
        self.held, self.refuse_batches = set(held), refuse_batches
        self.batches, self.aborted, self.single = [], [], []

    def get_paginator(self, name):
        pages = self.pages if name == "list_object_versions" else [{"Uploads": self.uploads}]
        return type("P", (), {"paginate": lambda self_, **kw: iter(pages)})()

    def delete_objects(self, Bucket, Delete):
        objects = Delete["Objects"]
        assert len(objects) <= 1000 and Delete["Quiet"] is True
        if self.refuse_batches and any(o["Key"] in self.held for o in objects):
            raise AccessDenied()
        self.batches.append(len(objects))
        return {"Errors": [dict(o, Code="AccessDenied") for o in objects if o["Key"] in self.held]}

    def delete_object(self, Bucket, Key, VersionId=None):
        if Key in self.held:
            raise AccessDenied()
        self.single.append(Key)

    def abort_multipart_upload(self, Bucket, Key, UploadId):
        self.aborted.append(UploadId)


def test_versions_markers_and_uploads_go_in_batches_of_1000():
    s3 = FakeS3(versions=2300, markers=200, uploads=3)
    counts = empty_bucket(s3, "b")
    assert sorted(s3.batches) == [500, 1000, 1000]
    assert counts == {"deleted_versions": 2500, "aborted_uploads": 3}
    assert sorted(s3.aborted) == ["id0", "id1", "id2"]


@pytest.mark.parametrize("refuse_batches", [False, True])
def test_held_objects_are_named_and_the_rest_deleted(refuse_batches):
    s3 = FakeS3(versions=5, held={"k3"}, refuse_batches=refuse_batches)
    with pytest.raises(BucketNotEmptied) as failure:
        empty_bucket(s3, "b")
    assert "'k3' (version v3: AccessDenied)" in str(failure.value)
    assert "1 object version(s)" in str(failure.value) and "'k1'" not in str(failure.value)
    if refuse_batches:
        assert sorted(s3.single) == ["k0", "k1", "k2", "k4"]
