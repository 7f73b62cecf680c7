"""Attribute comparison: metadata, headers, tags, retention, legal hold."""
from datetime import datetime, timedelta, timezone

from ansible_collections.ibm.cos.plugins.module_utils.objects import attributes as A

HEAD = {"ContentType": "text/plain", "CacheControl": "max-age=60", "Metadata": {"owner": "ops"},
        "ContentLength": 3, "ETag": '"abc"'}


def params(**kw):
    base = {opt: None for opt in A.HEADER_OPTIONS}
    base.update(metadata=None, tags=None)
    base.update(kw)
    return base


def test_unset_options_are_not_compared():
    assert A.header_changes(A.desired_headers(params()), HEAD) == {}
    assert not A.metadata_differs(None, HEAD)


def test_metadata_keys_compare_case_insensitively():
    assert not A.metadata_differs(A.normalize_metadata({"Owner": "ops"}), HEAD)
    assert A.metadata_differs(A.normalize_metadata({"owner": "dev"}), HEAD)
    assert A.metadata_differs(A.normalize_metadata({}), HEAD)


def test_header_changes_only_lists_differences():
    desired = A.desired_headers(params(content_type="text/plain", cache_control="no-cache"))
    assert A.header_changes(desired, HEAD) == {"CacheControl": "no-cache"}


def test_upload_args_carry_current_attributes_over():
    args = A.upload_args(params(cache_control="no-cache"), HEAD, "x.bin")
    assert args == {"ContentType": "text/plain", "CacheControl": "no-cache", "Metadata": {"owner": "ops"}}


def test_upload_args_guess_type_for_new_objects():
    assert A.upload_args(params(), None, "site/index.html")["ContentType"] == "text/html"
    assert A.upload_args(params(), None, "noext")["ContentType"] == A.DEFAULT_CONTENT_TYPE


def test_replace_args_rewrite_metadata_keeping_headers():
    args = A.replace_args(params(metadata={"A": 1}), HEAD)
    assert args["Metadata"] == {"a": "1"}
    assert args["ContentType"] == "text/plain" and args["MetadataDirective"] == "REPLACE"


def test_tags_purge_and_merge():
    current = {"a": "1", "b": "2"}
    assert A.desired_tags(None, True, current) is None
    assert A.desired_tags({"a": 1}, True, current) == {"a": "1"}
    assert A.desired_tags({"c": "3"}, False, current) == {"a": "1", "b": "2", "c": "3"}


def test_retention_same_is_no_change_and_compliance_only_extends():
    until = datetime(2030, 1, 1, tzinfo=timezone.utc)
    current = {"Mode": "COMPLIANCE", "RetainUntilDate": until}
    assert A.retention_change({"mode": "compliance", "retain_until": until}, current) == (None, None)
    put, err = A.retention_change({"mode": "compliance", "retain_until": until + timedelta(days=1)}, current)
    assert put["RetainUntilDate"] > until and err is None
    put, err = A.retention_change({"mode": "compliance", "retain_until": until - timedelta(days=1)}, current)
    assert put is None and "only be extended" in err
    put, err = A.retention_change({"mode": "governance", "retain_until": until}, None)
    assert put == {"Mode": "GOVERNANCE", "RetainUntilDate": until}


def test_legal_hold():
    assert A.legal_hold_change(None, "ON") is None
    assert A.legal_hold_change(True, None) == "ON"
    assert A.legal_hold_change(False, None) is None
    assert A.legal_hold_change(False, "ON") == "OFF"


def test_retain_until_accepts_dates_and_times():
    assert A.parse_instant("2030-01-01") == datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert A.parse_instant("2030-01-01T02:00:00+02:00") == datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert A.parse_instant("2030-01-01T00:00:00Z") == datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert A.parse_instant("next year") is None
    assert A.retention_change({"mode": "governance", "retain_until": "soon"}, None)[1]


def test_legal_hold_ids_add_missing_and_purge_only_when_asked():
    assert A.legal_hold_id_changes(["b", "a"], {"a", "c"}, False) == (["b"], [])
    assert A.legal_hold_id_changes(["b", "a"], {"a", "c"}, True) == (["b"], ["c"])
    assert A.legal_hold_id_changes([], {"a"}, True) == ([], ["a"])
