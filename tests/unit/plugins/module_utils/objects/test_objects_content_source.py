"""Content sources: what counts as 'already there' for files, inline bytes and copies."""
import base64
import hashlib

import pytest

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils.objects.content_source import (
    ContentSource, content_differs, hinted_part_size, resolve_source, source_part_size)
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import MIB


class FakeS3:
    """Answers HeadObject from a dict and records every call."""

    def __init__(self, objects):
        self.objects, self.calls = objects, []

    def head_object(self, Bucket, Key, **extra):  # pylint: disable=invalid-name
        self.calls.append(("head_object", Key, extra))
        if (Bucket, Key) not in self.objects:
            raise LookupError("404")
        head = dict(self.objects[(Bucket, Key)])
        if extra.get("PartNumber"):
            head = {"ContentLength": head["part1"], "PartsCount": 2}
        return head


def params(**kw):
    base = dict(src=None, content=None, content_base64=None, copy_source=None)
    base.update(kw)
    return base


def head_for(data):
    return {"ContentLength": len(data), "ETag": '"%s"' % hashlib.md5(data).hexdigest()}


def test_inline_content_matches_by_md5_and_overwrite_modes():
    source = resolve_source(params(content="héllo"), None)
    assert source.kind == "bytes" and source.size == len("héllo".encode())
    same, other = head_for("héllo".encode()), head_for(b"hallo!")

    def never_asked():
        pytest.fail("no hint needed for single-part ETags")

    assert not content_differs(source, same, "different", 16 * MIB, never_asked)
    assert content_differs(source, other, "different", 16 * MIB, never_asked)
    assert content_differs(source, same, "always", 16 * MIB, never_asked)
    assert not content_differs(source, other, "never", 16 * MIB, never_asked)
    assert content_differs(source, None, "never", 16 * MIB, never_asked)


def test_base64_content_is_validated():
    assert resolve_source(params(content_base64=base64.b64encode(b"\x00\xff").decode()), None).value == b"\x00\xff"
    with pytest.raises(CosError, match="not valid base64"):
        resolve_source(params(content_base64="not base64!"), None)


def test_missing_src_file_is_a_clear_error(tmp_path):
    with pytest.raises(CosError, match="is not a readable file"):
        resolve_source(params(src=str(tmp_path)), None)


def test_copies_compare_by_etag_and_size():
    s3 = FakeS3({("src", "k"): {"ContentLength": 3, "ETag": '"abc"'}})
    source = resolve_source(params(copy_source={"bucket": "src", "key": "k"}), s3)
    assert source.kind == "copy" and source.size == 3
    assert not content_differs(source, {"ContentLength": 3, "ETag": '"abc"'}, "different", MIB, None)
    assert content_differs(source, {"ContentLength": 3, "ETag": '"abd"'}, "different", MIB, None)


def test_part_size_of_a_multipart_source():
    size = 20 * MIB
    s3 = FakeS3({("src", "k"): {"ContentLength": size, "ETag": '"x-3"', "part1": 7 * MIB}})
    single = ContentSource("copy", {"bucket": "src", "key": "k"}, 3, {"ETag": '"abc"'})
    assert source_part_size(s3, single, 16 * MIB) is None
    multipart = ContentSource("copy", {"bucket": "src", "key": "k"}, size, {"ETag": '"x-3"'})
    # 20 MiB in 3 parts fits 8 and 7 MiB (and more): ambiguous, so COS is asked for part 1.
    assert source_part_size(s3, multipart, 16 * MIB) == 7 * MIB
    assert s3.calls[-1][2] == {"PartNumber": 1}


def test_hint_is_asked_only_when_no_usual_part_size_fits():
    s3 = FakeS3({("b", "k"): {"ContentLength": 100, "ETag": '"x"', "part1": 6 * MIB + 1}})
    usual = {"ContentLength": 20 * MIB, "ETag": '"x-3"'}
    assert hinted_part_size(s3, "b", "k", None, usual, 16 * MIB) is None and s3.calls == []
    odd = {"ContentLength": 200 * MIB, "ETag": '"x-30"'}  # no usual part size makes 30 parts of 200 MiB
    assert hinted_part_size(s3, "b", "k", None, odd, 16 * MIB) == 6 * MIB + 1
    assert s3.calls == [("head_object", "k", {"PartNumber": 1})]
