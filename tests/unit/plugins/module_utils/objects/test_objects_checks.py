"""cos_object values refused before any call: each message names the option and what is allowed."""
import datetime

import pytest

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils._lock_mode import normalize_lock_mode
from ansible_collections.ibm.cos.plugins.module_utils.objects.object_checks import input_error, tag_error
from ansible_collections.ibm.cos.plugins.module_utils.objects.object_options import ARGUMENT_SPEC
from ansible_collections.ibm.cos.plugins.module_utils.objects.protection import lock_upload_args
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import RECOMMENDED_PART_SIZE_MB

NOW = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)


def params(**kw):
    base = {name: spec.get("default") for name, spec in ARGUMENT_SPEC.items()}
    base.update(bucket="b", key="k")
    base.update(kw)
    return base


@pytest.mark.parametrize("value, expected", [("governance", "GOVERNANCE"), ("GOVERNANCE", "GOVERNANCE"),
                                             ("Compliance", "COMPLIANCE"), (" compliance ", "COMPLIANCE"),
                                             ("legal", None), ("", None), (None, None)])
def test_retention_modes_are_accepted_in_either_case(value, expected):
    if expected is None:
        with pytest.raises(CosError, match="retention.mode"):
            normalize_lock_mode(value, "retention.mode")
    else:
        assert normalize_lock_mode(value, "retention.mode") == expected


def test_valid_values_pass():
    assert input_error(params(content="x", metadata={"owner": "ops"}, tags={"env": "prod 1"},
                              cache_control="max-age=60", legal_hold_ids=["case-42_(a)'!*."],
                              retention={"mode": "COMPLIANCE", "retain_until": "2030-01-01"},
                              website_redirect_location="/new"), now=NOW) is None
    assert input_error(params(key="k" * 1024, content="x")) is None
    assert input_error(params(key="é" * 512, content="x")) is None  # 1024 bytes of UTF-8


@pytest.mark.parametrize("args, words", [
    (dict(key=""), ["key", "empty"]),
    (dict(key="é" * 513), ["key", "1026 bytes", "1024"]),
    (dict(copy_source={"bucket": "b", "key": "s" * 1025}), ["copy_source.key", "1024"]),
    (dict(content_base64="abc"), ["content_base64", "base64"]),
    (dict(metadata={"owner": "Zoë"}), ["metadata", "ASCII"]),
    (dict(metadata={"ówner": "x"}), ["metadata", "ASCII"]),
    (dict(metadata={"a b": "x"}), ["metadata", "keys may hold"]),
    (dict(metadata={"a": "x\ny"}), ["metadata", "CR"]),
    (dict(cache_control="a\r\nb"), ["cache_control", "CR or LF"]),
    (dict(content_disposition="attachment\n"), ["content_disposition", "CR or LF"]),
    (dict(content_language="ça"), ["content_language", "ASCII"]),
    (dict(legal_hold_ids=[""]), ["legal_hold_ids", "1-64"]),
    (dict(legal_hold_ids=["a" * 65]), ["legal_hold_ids", "1-64"]),
    (dict(legal_hold_ids=["a/b"]), ["legal_hold_ids", "1-64"]),
    (dict(retention={"mode": "strict", "retain_until": "2030-01-01"}), ["retention.mode", "GOVERNANCE"]),
    (dict(retention={"mode": "governance", "retain_until": "soon"}), ["retention.retain_until", "ISO 8601"]),
    (dict(retention={"mode": "governance", "retain_until": "2026-11-30"}), ["retention.retain_until", "future"]),
    (dict(website_redirect_location="example.com/x"), ["website_redirect_location", "/, http://"]),
])
def test_bad_values_name_the_option(args, words):
    error = input_error(params(**args), now=NOW)
    assert error and all(w in error for w in words), error


@pytest.mark.parametrize("tags, words", [
    ({"t%d" % i: "v" for i in range(11)}, ["at most 10", "11"]),
    ({"": "v"}, ["1-128"]),
    ({"k" * 129: "v"}, ["1-128"]),
    ({"k": "v" * 257}, ["256"]),
    ({"k": "a&b"}, ["letters, digits"]),
    ({"IBM:owner": "x"}, ["ibm:", "reserves"]),
])
def test_object_tag_limits(tags, words):
    error = tag_error(tags)
    assert error.startswith("tags:") and all(w in error for w in words), error


def test_ten_tags_at_their_longest_pass():
    assert tag_error({("k%d" % i) * 32: "v" * 256 for i in range(10)}) is None


def test_presign_needs_hmac_keys_before_any_call():
    without = {"api_key": "k", "hmac_access_key_id": None, "hmac_secret_access_key": None}
    assert "HMAC keys" in input_error(params(presign="get"), settings=without)
    assert input_error(params(presign="get"), settings={"hmac_access_key_id": "i", "hmac_secret_access_key": "s"}) is None
    assert input_error(params(presign="get"), settings=None) is None  # checked again once settings are known


def test_lock_headers_for_a_single_part_upload():
    args = lock_upload_args(params(retention={"mode": "governance", "retain_until": "2030-01-01"}, legal_hold=True))
    assert args["ObjectLockMode"] == "GOVERNANCE" and args["ObjectLockLegalHoldStatus"] == "ON"
    assert args["ObjectLockRetainUntilDate"] == datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
    assert lock_upload_args(params()) == {}


def test_part_size_follows_ibm_guidance():
    # 20-100 MB for objects under 50 GB, a multiple of 4 MiB (multipart.md, data-io.md)
    assert 20 <= RECOMMENDED_PART_SIZE_MB <= 100 and RECOMMENDED_PART_SIZE_MB % 4 == 0
    assert ARGUMENT_SPEC["part_size_mb"]["default"] == RECOMMENDED_PART_SIZE_MB
