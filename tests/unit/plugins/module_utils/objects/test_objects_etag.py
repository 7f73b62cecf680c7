"""ETags: a local file is recognised as the object's bytes without downloading it."""
import base64
import hashlib

import pytest

from ansible_collections.ibm.cos.plugins.module_utils.objects import etag as E
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import MIB, effective_part_size


def multipart_reference(data, part_size):
    parts = [data[i:i + part_size] for i in range(0, len(data), part_size)] or [b""]
    digests = b"".join(hashlib.md5(p).digest() for p in parts)
    return "%s-%d" % (hashlib.md5(digests).hexdigest(), len(parts))


@pytest.fixture
def blob(tmp_path):
    data = bytes(range(256)) * (4096 * 11 + 7)  # ~11 MiB, not a multiple of a MiB
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    return path, data


def test_normalize_and_part_count():
    assert E.normalize_etag('"ABC"') == "abc"
    assert E.etag_part_count('"d41d8cd98f00b204e9800998ecf8427e"') is None
    assert E.etag_part_count('"0123abcd-12"') == 12
    assert E.etag_part_count(None) is None


def test_multipart_hasher_matches_reference_for_any_block_split():
    data = b"x" * (5 * MIB) + b"y" * (3 * MIB + 17)
    for block in (4093, MIB, 7 * MIB):
        hasher = E.MultipartHasher(5 * MIB)
        for i in range(0, len(data), block):
            hasher.update(data[i:i + block])
        assert hasher.etag() == multipart_reference(data, 5 * MIB)


def test_exact_multiple_of_part_size_has_no_empty_trailing_part():
    data = b"z" * (10 * MIB)
    hasher = E.MultipartHasher(5 * MIB)
    hasher.update(data)
    assert hasher.etag().endswith("-2")


def test_single_part_object_compares_by_md5(blob):
    path, data = blob
    md5 = hashlib.md5(data).hexdigest()
    assert E.local_file_matches(path, len(data), len(data), '"%s"' % md5)
    assert not E.local_file_matches(path, len(data), len(data), '"%s"' % ("0" * 32))


def test_size_mismatch_short_circuits_without_reading(tmp_path):
    missing = tmp_path / "never-read"
    assert not E.local_file_matches(missing, 10, 11, '"abc"')


@pytest.mark.parametrize("part_mb", [5, 8])
def test_multipart_object_from_another_tool_is_recognised(blob, part_mb):
    path, data = blob
    remote = multipart_reference(data, part_mb * MIB)
    assert E.local_file_matches(path, len(data), len(data), remote, part_size=16 * MIB)


def test_multipart_with_different_bytes_is_a_change(blob):
    path, data = blob
    other = bytearray(data)
    other[-1] ^= 1
    remote = multipart_reference(bytes(other), 8 * MIB)
    assert not E.local_file_matches(path, len(data), len(data), remote, part_size=8 * MIB)


def test_hinted_part_size_is_tried(blob):
    path, data = blob
    odd = 6 * MIB + 12345
    remote = multipart_reference(data, odd)
    assert E.local_file_matches(path, len(data), len(data), remote, hinted_part_size=odd)
    assert not E.local_file_matches(path, len(data), len(data), remote)


def test_stored_md5chksum_wins_for_multipart(blob):
    path, data = blob
    stored = base64.b64encode(hashlib.md5(data).digest()).decode()
    unknown_layout = "%s-3" % ("f" * 32)
    assert E.local_file_matches(path, len(data), len(data), unknown_layout, metadata={"md5chksum": stored})


def test_candidates_are_consistent_with_the_part_count():
    size = 100 * 1000 * 1000
    sizes = E.candidate_part_sizes(size, 6, preferred=16 * MIB)
    assert sizes[0] == 16 * MIB
    assert all(E.parts_for(size, s) == 6 for s in sizes)
    assert E.candidate_part_sizes(size, 12, preferred=16 * MIB)[0] == 8 * MIB


def test_effective_part_size_doubles_past_ten_thousand_parts():
    assert effective_part_size(8 * MIB, 100 * MIB) == 8 * MIB
    assert effective_part_size(8 * MIB, 8 * MIB * 10000 + 1) == 16 * MIB
    assert effective_part_size(1 * MIB, 10) == 5 * MIB


def test_content_etag_single_and_multipart():
    assert E.content_etag(b"", 16 * MIB) == hashlib.md5(b"").hexdigest()
    data = b"q" * (5 * MIB + 1)
    assert E.content_etag(data, 5 * MIB) == multipart_reference(data, 5 * MIB)


def test_multipart_check_skips_the_whole_file_digest():
    data = bytes(range(256)) * 4096  # 1 MiB
    whole, etags = E.hash_file(data, [256 * 1024], whole_md5=False)
    assert whole is None
    assert etags == E.hash_file(data, [256 * 1024])[1]
