"""Symlink loops, change strategies and pull planning (pure)."""
import os

import pytest

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils.objects.sync_plan import (
    LocalFile, PathFilter, RemoteObject, SymlinkLoop, content_test, walk_local)
from ansible_collections.ibm.cos.plugins.module_utils.objects.sync_pull import is_temp, plan_pull, safe_relpath


def test_loop_back_to_an_ancestor_names_the_link(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.txt").write_text("f")
    (tmp_path / "a" / "b" / "up").symlink_to(tmp_path / "a")
    with pytest.raises(SymlinkLoop) as caught:
        walk_local(str(tmp_path), PathFilter(), follow_symlinks=True)
    assert caught.value.link == str(tmp_path / "a" / "b" / "up")
    assert sorted(walk_local(str(tmp_path), PathFilter())) == ["a/b/f.txt"]


def test_two_links_to_one_directory_are_not_a_loop(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "f.txt").write_text("f")
    (tmp_path / "one").symlink_to(tmp_path / "real")
    (tmp_path / "two").symlink_to(tmp_path / "real")
    files = walk_local(str(tmp_path), PathFilter(), follow_symlinks=True)
    assert sorted(files) == ["one/f.txt", "real/f.txt", "two/f.txt"]
    assert files["one/f.txt"].mtime == os.stat(tmp_path / "real" / "f.txt").st_mtime


def test_walk_skips_names_asked(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".a.txt.x.cos-sync-part").write_text("partial")
    assert sorted(walk_local(str(tmp_path), PathFilter(), skip_name=is_temp)) == ["a.txt"]


def test_strategies():
    def never_asked(*_):
        raise AssertionError("etag read for a strategy that reads nothing")

    older, newer = LocalFile("a", "/a", 3, 100.5), LocalFile("a", "/a", 3, 200.0)
    remote = RemoteObject("k", 3, '"e"', 150.0)
    push, pull = content_test("size_mtime", never_asked), content_test("size_mtime", never_asked, pull=True)
    assert push(older, remote) and not push(newer, remote)
    assert pull(newer, remote) and not pull(older, remote)
    assert pull(LocalFile("a", "/a", 3, 150.9), remote)  # whole seconds, as a pull sets it
    assert not push(LocalFile("a", "/a", 3, None), remote)
    assert not content_test("always", never_asked)(older, remote)
    assert content_test("etag", lambda *_: "asked")(older, remote) == "asked"


@pytest.mark.parametrize("key", ["p/../x", "p/a//b", "p/./a", "p//a"])
def test_keys_that_would_leave_the_directory(key):
    with pytest.raises(CosError, match="nothing was downloaded"):
        safe_relpath("p", key)


def test_safe_relpath_maps_and_skips():
    assert safe_relpath("p", "p/a/b.txt") == "a/b.txt"
    assert safe_relpath("p", "q/a") is None
    assert safe_relpath("p", "p/dir/") is None


def test_plan_pull():
    remote = {k: RemoteObject(k, s, '"e"') for k, s in [("p/new", 1), ("p/same", 2), ("p/grown", 3), ("p/x.tmp", 1)]}
    local = {r: LocalFile(r, "/d/" + r, s) for r, s in [("same", 2), ("grown", 2), ("gone", 1), ("keep.tmp", 1)]}
    plan, rels = plan_pull(remote, local, "p", lambda *_: True, delete=True, path_filter=PathFilter(exclude=["*.tmp"]))
    assert [o.key for o in plan.new] == ["p/new"] and [o.key for o in plan.changed] == ["p/grown"]
    assert [o.key for o in plan.unchanged] == ["p/same"] and [f.relpath for f in plan.delete] == ["gone"]
    assert rels == {"p/new": "new", "p/same": "same", "p/grown": "grown"}
    assert plan_pull(remote, local, "p", lambda *_: True, path_filter=PathFilter(exclude=["*.tmp"]))[0].delete == []
