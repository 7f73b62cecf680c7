"""Sync planning and glob filtering."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils.objects.sync_plan import (
    LocalFile, PathFilter, RemoteObject, key_for, normalize_prefix, plan_sync, relpath_for,
    walk_local)


@pytest.mark.parametrize("pattern,path,expected", [
    ("*.tmp", "a.tmp", True),
    ("*.tmp", "deep/down/a.tmp", True),
    ("*.tmp", "a.tmp.txt", False),
    ("logs/*", "logs/x/y.log", True),
    ("logs/*", "app/logs/y.log", False),
    ("*/cache/*", "a/cache/b", True),
    ("/index.html", "index.html", True),
    ("Index.html", "index.html", False),
])
def test_glob_semantics(pattern, path, expected):
    assert PathFilter(exclude=[pattern])(path) is not expected
    assert PathFilter(include=[pattern])(path) is expected


def test_exclude_beats_include():
    keep = PathFilter(include=["*.html", "*.css"], exclude=["drafts/*"])
    assert keep("index.html")
    assert keep("css/site.css")
    assert not keep("drafts/new.html")
    assert not keep("app.js")


def test_prefix_mapping():
    assert normalize_prefix("site") == normalize_prefix("site/") == "site/"
    assert normalize_prefix("") == normalize_prefix(None) == ""
    assert key_for("site", "a/b.txt") == "site/a/b.txt"
    assert relpath_for("site", "site/a/b.txt") == "a/b.txt"
    assert relpath_for("site", "sitemap.xml") is None
    assert relpath_for("site", "site/folder/") is None
    assert relpath_for("", "x") == "x"


def test_walk_local_filters_and_uses_posix_paths(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.txt").write_text("c")
    (tmp_path / "top.tmp").write_text("t")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "link").symlink_to(tmp_path / "empty")
    files = walk_local(str(tmp_path), PathFilter(exclude=["*.tmp"]))
    assert sorted(files) == ["a/b/c.txt", "empty"]
    assert files["empty"].size == 0


def local(rel, size):
    return LocalFile(rel, "/src/" + rel, size)


def remote(key, size, etag="e"):
    return RemoteObject(key, size, etag)


def test_plan_new_changed_unchanged_and_deleted():
    local_files = {f.relpath: f for f in [local("same", 3), local("resized", 4), local("edited", 5),
                                          local("fresh", 1)]}
    remote_objects = {o.key: o for o in [remote("p/same", 3), remote("p/resized", 3),
                                         remote("p/edited", 5, "old"), remote("p/extra", 9),
                                         remote("p/keep.tmp", 1), remote("other/x", 1)]}
    asked = []

    def same_content(lf, ro):
        asked.append(lf.relpath)
        return ro.etag != "old"

    plan = plan_sync(local_files, {k: v for k, v in remote_objects.items() if k.startswith("p/")},
                     "p", same_content, delete=True, path_filter=PathFilter(exclude=["*.tmp"]))
    assert [f.relpath for f in plan.new] == ["fresh"]
    assert [f.relpath for f in plan.changed] == ["edited", "resized"]
    assert [f.relpath for f in plan.unchanged] == ["same"]
    assert [o.key for o in plan.delete] == ["p/extra"]
    assert sorted(asked) == ["edited", "same"], "checksums only when sizes agree"


def test_plan_without_delete_leaves_extras():
    plan = plan_sync({}, {"x": remote("x", 1)}, "", lambda *_: True)
    assert plan.delete == [] and plan.new == []
