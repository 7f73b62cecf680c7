"""Properties of the object logic: multipart ETags, content comparison and sync planning.

Part sizes here are tiny (bytes, not MiB): the hashing does not care, and it keeps examples fast."""
from __future__ import annotations

import datetime
import hashlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.ibm.cos.plugins.module_utils.objects import etag as E
from ansible_collections.ibm.cos.plugins.module_utils.objects.attributes import normalize_metadata, parse_instant
from ansible_collections.ibm.cos.plugins.module_utils.objects.batch_delete import batches
from ansible_collections.ibm.cos.plugins.module_utils.objects.sync_plan import (
    LocalFile, PathFilter, RemoteObject, key_for, normalize_prefix, plan_sync, relpath_for)
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import (
    MAX_PART_SIZE, MAX_PARTS, MIB, MIN_PART_SIZE, effective_part_size)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reference_etag(data, part_size):
    parts = [data[i:i + part_size] for i in range(0, len(data), part_size)] or [b""]
    return "%s-%d" % (hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest(), len(parts))


# --- ETags ------------------------------------------------------------------------------------

@FAST
@given(st.binary(min_size=1, max_size=400), st.integers(1, 64), st.lists(st.integers(1, 50), max_size=10))
def test_multipart_etag_does_not_depend_on_how_bytes_arrive(data, part_size, cuts):
    hasher = E.MultipartHasher(part_size)
    start = 0
    for cut in cuts:
        hasher.update(data[start:start + cut])
        start += cut
    hasher.update(data[start:])
    assert hasher.etag() == reference_etag(data, part_size)
    md5, etags = E.hash_file(data, [part_size])
    assert md5 == hashlib.md5(data).hexdigest() and etags[part_size] == reference_etag(data, part_size)


@FAST
@given(st.binary(min_size=2, max_size=400), st.integers(2, 9))
def test_own_etag_matches_and_one_changed_byte_does_not(data, split):
    part_size = max(1, len(data) // split)
    etag = reference_etag(data, part_size)
    assert E.etag_part_count(etag) > 1
    assert E.local_file_matches(data, len(data), len(data), f'"{etag.upper()}"', hinted_part_size=part_size)
    flipped = bytes([data[0] ^ 1]) + data[1:]
    assert not E.local_file_matches(flipped, len(data), len(data), etag, hinted_part_size=part_size)
    assert E.local_file_matches(data, len(data), len(data), hashlib.md5(data).hexdigest())
    assert not E.local_file_matches(data, len(data), len(data) + 1, etag, hinted_part_size=part_size)


@FAST
@given(st.text(max_size=40))
def test_etag_normal_form_is_a_fixed_point(text):
    normal = E.normalize_etag(text)
    assert E.normalize_etag(normal) == normal
    assert E.normalize_etag(f'"{normal}"') == normal


@FAST
@given(st.integers(1, 10 ** 12), st.integers(1, 10000), st.sampled_from([None, 5, 8, 16, 100]))
def test_candidate_part_sizes_all_give_the_declared_part_count(size, parts, preferred_mb):
    preferred = preferred_mb * MIB if preferred_mb else None
    candidates = E.candidate_part_sizes(size, parts, preferred)
    assert len(candidates) == len(set(candidates))
    assert all(E.parts_for(size, c) == parts for c in candidates)


@FAST
@given(st.integers(0, 5 * 1024 ** 4), st.sampled_from([5, 8, 16, 64, 5120]))
def test_effective_part_size_respects_cos_limits(size, part_size_mb):
    part = effective_part_size(part_size_mb * MIB, size)
    assert MIN_PART_SIZE <= part <= MAX_PART_SIZE
    if size and -(-size // MAX_PART_SIZE) <= MAX_PARTS:
        assert -(-size // part) <= MAX_PARTS


@FAST
@given(st.binary(max_size=300), st.sampled_from([1, 7, 64]))
def test_content_etag_is_md5_below_the_part_size(data, part_size):
    # content_etag works in real part sizes (5 MiB at least): small data is a single part.
    assert E.content_etag(data, part_size * MIB) == hashlib.md5(data).hexdigest()


# --- sync planning ----------------------------------------------------------------------------

rel_names = st.lists(st.text("abc", min_size=1, max_size=3), min_size=1, max_size=3).map("/".join)
prefixes = st.sampled_from(["", "site", "site/", "/site", "a/b"])


@st.composite
def sync_sides(draw):
    prefix = draw(prefixes)
    local_rels = draw(st.lists(rel_names, unique=True, max_size=12))
    local = {rel: LocalFile(rel, "/src/" + rel, draw(st.integers(0, 5))) for rel in local_rels}
    remote = {}
    for rel in draw(st.lists(rel_names, unique=True, max_size=12)):
        key = key_for(prefix, rel)
        remote[key] = RemoteObject(key, draw(st.integers(0, 5)), '"etag"')
    same = draw(st.sets(st.sampled_from(local_rels))) if local_rels else set()
    return prefix, local, remote, same


@FAST
@given(sync_sides(), st.booleans(), st.sampled_from([(), ("*.a",), ("a/*",)]))
def test_sync_plan_partitions_local_files_and_deletes_only_extras(sides, delete, exclude):
    prefix, local, remote, same = sides
    path_filter = PathFilter(exclude=list(exclude))
    plan = plan_sync(local, remote, prefix, lambda lf, ro: lf.relpath in same, delete, path_filter)
    groups = [{f.relpath for f in group} for group in (plan.new, plan.changed, plan.unchanged)]
    assert sum(len(g) for g in groups) == len(local) and set().union(*groups) == set(local)
    assert all(key_for(prefix, f.relpath) not in remote for f in plan.new)
    assert all(f.relpath in same and remote[key_for(prefix, f.relpath)].size == f.size for f in plan.unchanged)
    doomed = {o.key for o in plan.delete}
    if not delete:
        assert doomed == set()
    wanted = {key_for(prefix, rel) for rel in local}
    assert not doomed & wanted
    for key in doomed:
        rel = relpath_for(prefix, key)
        assert rel is not None and path_filter(rel)  # excluded objects are never touched


@FAST
@given(sync_sides())
def test_a_remote_side_that_mirrors_the_local_one_needs_nothing(sides):
    prefix, local = sides[0], sides[1]
    remote = {key_for(prefix, rel): RemoteObject(key_for(prefix, rel), f.size, '"x"') for rel, f in local.items()}
    plan = plan_sync(local, remote, prefix, lambda lf, ro: True, delete=True)
    assert (plan.new, plan.changed, plan.delete) == ([], [], []) and len(plan.unchanged) == len(local)


@FAST
@given(prefixes, rel_names)
def test_prefixes_and_keys_round_trip(prefix, rel):
    normal = normalize_prefix(prefix)
    assert normalize_prefix(normal) == normal
    assert relpath_for(prefix, key_for(prefix, rel)) == rel


@FAST
@given(st.lists(st.integers(), max_size=2500), st.integers(1, 1000))
def test_batches_keep_every_item_in_order(items, size):
    chunks = list(batches(items, size))
    assert [x for chunk in chunks for x in chunk] == items
    assert all(0 < len(chunk) <= size for chunk in chunks)


# --- attributes -------------------------------------------------------------------------------

@FAST
@given(st.dictionaries(st.text("abcXYZ-_", min_size=1, max_size=8), st.one_of(st.text(max_size=8), st.integers())))
def test_metadata_normal_form_is_a_fixed_point(metadata):
    normal = normalize_metadata(metadata)
    assert normalize_metadata(normal) == normal


@FAST
@given(st.one_of(st.text(max_size=32), st.datetimes(timezones=st.timezones()).map(str),
                 st.sampled_from(["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2030-01-01"])))
def test_retain_until_is_an_aware_utc_instant_or_none(text):
    parsed = parse_instant(text)
    assert parsed is None or (parsed.tzinfo is not None and parsed.utcoffset() == datetime.timedelta(0))
