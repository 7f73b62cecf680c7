"""Pure parts of the ibm.cos.cos_object lookup: terms, the metadata view and scrubbing."""
from __future__ import annotations

import datetime

import pytest
from ansible.errors import AnsibleLookupError

from ansible_collections.ibm.cos.plugins.lookup.cos_object import metadata_view, scrub, split_term

ENV = {"IBM_COS_ENDPOINT": "https://s3.example.test"}


@pytest.mark.parametrize("term, bucket, expected", [
    ("b/key.txt", None, ("b", "key.txt")),
    ("b/dir/sub/key.txt", None, ("b", "dir/sub/key.txt")),
    ("dir/key.txt", "b", ("b", "dir/key.txt")),
    ("/leading", "b", ("b", "/leading")),
])
def test_split_term(term, bucket, expected):
    assert split_term(term, bucket) == expected


@pytest.mark.parametrize("term", ["no-slash", "/key", "bucket/", ""])
def test_split_term_refuses_what_is_not_bucket_slash_key(term):
    with pytest.raises(AnsibleLookupError, match="'bucket/key'"):
        split_term(term, None)


def test_empty_key_with_bucket_is_refused():
    with pytest.raises(AnsibleLookupError, match="empty key"):
        split_term("", "b")


def test_metadata_view_keeps_only_headers_the_object_has():
    head = {"ContentLength": 3, "ETag": '"abc"', "ContentType": "text/plain", "VersionId": "v1",
            "LastModified": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
            "Metadata": {"Owner": "me"}, "CacheControl": "no-cache", "ContentEncoding": ""}
    assert metadata_view(head) == {
        "size": 3, "etag": "abc", "content_type": "text/plain", "version_id": "v1",
        "last_modified": "2026-01-02T03:04:05+00:00", "metadata": {"owner": "me"}, "cache_control": "no-cache"}


def test_scrub_masks_every_secret():
    assert scrub("key s3cret and tok3n", ["s3cret", None, "tok3n"]) == "key ******** and ********"
