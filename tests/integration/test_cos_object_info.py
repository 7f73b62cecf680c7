"""cos_object_info: listings page by page, versions, and details of named keys; reads only."""
from __future__ import annotations

import pytest

from cos_stack.admin import writes


@pytest.fixture
def bucket(s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    s3.put_bucket_versioning(Bucket=bucket_name, VersioningConfiguration={"Status": "Enabled"})
    for key in ["a/1.txt", "a/2.txt", "a/3.txt", "b/x y.txt", "top.txt"]:
        s3.put_object(Bucket=bucket_name, Key=key, Body=key.encode())
    s3.put_object(Bucket=bucket_name, Key="top.txt", Body=b"second version", Metadata={"owner": "ops"},
                  ContentType="text/plain", Tagging="env=prod")
    s3.delete_object(Bucket=bucket_name, Key="a/3.txt")
    return bucket_name


def info(bucket, **args):
    return {"ibm.cos.cos_object_info": dict(bucket=bucket, **args)}


def test_listing_paging_versions_and_details(ansible, stack, bucket):
    stack.reset_counters()
    top, first_page, everything, versions, markers, details = ansible.playbook([
        info(bucket, delimiter="/"),
        info(bucket, prefix="a/", max_keys=1),
        info(bucket),
        info(bucket, versions=True, prefix="top"),
        info(bucket, versions=True, prefix="a/3"),
        info(bucket, keys=["top.txt", "missing", "b/x y.txt"], tags=True),
    ])
    assert top["common_prefixes"] == ["a/", "b/"] and [o["key"] for o in top["objects"]] == ["top.txt"]
    assert [o["key"] for o in first_page["objects"]] == ["a/1.txt"]
    assert first_page["is_truncated"] is True and first_page["next_continuation_token"]
    assert [o["key"] for o in everything["objects"]] == ["a/1.txt", "a/2.txt", "b/x y.txt", "top.txt"]
    assert everything["objects"][3]["size"] == len(b"second version")
    assert len(versions["versions"]) == 2 and sum(v["is_latest"] for v in versions["versions"]) == 1
    assert [m["key"] for m in markers["delete_markers"]] == ["a/3.txt"]
    top_details, missing, spaced = details["objects"]
    assert top_details["metadata"] == {"owner": "ops"} and top_details["tags"] == {"env": "prod"}
    assert top_details["content_type"] == "text/plain" and top_details["size"] == 14
    assert missing == {"key": "missing", "exists": False}
    assert spaced["exists"] is True and spaced["size"] == len(b"b/x y.txt")
    assert writes(stack.counters()) == {}

    [second_page] = ansible.playbook([info(bucket, prefix="a/", max_keys=5,
                                           continuation_token=first_page["next_continuation_token"])])
    assert [o["key"] for o in second_page["objects"]] == ["a/2.txt"] and second_page["is_truncated"] is False
