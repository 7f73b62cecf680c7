"""The token cache: 0600 files, one exchange under concurrency, nothing but the token stored."""
import json
import os
import stat
import threading
import time

import pytest

from ansible_collections.ibm.cos.plugins.module_utils._iam import Token, token_from_jwt
from ansible_collections.ibm.cos.plugins.module_utils._token_cache import (
    FileCache,
    UnsafeCacheDir,
    cache_dir,
    entry_name,
)


def test_entry_is_private_and_named_by_digest(tmp_path):
    cache = FileCache(str(tmp_path / "c"))
    name = entry_name("token", "apikey", "SECRET-KEY", "https://iam")
    cache.get_or_create(name, lambda d: True, lambda: {"access_token": "tok"})
    files = [p for p in (tmp_path / "c").iterdir() if p.suffix == ".json"]
    assert len(files) == 1 and "SECRET" not in files[0].name
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700
    assert json.loads(files[0].read_text()) == {"access_token": "tok"}


def test_parallel_callers_make_one_exchange(tmp_path):
    cache = FileCache(str(tmp_path))
    calls = []

    def create():
        calls.append(1)
        time.sleep(0.2)
        return Token("tok", time.time() + 3600, 3600).as_cache()

    def fresh(data):
        return Token.from_cache(data).usable()

    threads = [threading.Thread(target=cache.get_or_create, args=("t", fresh, create)) for _thread in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1


def test_stale_token_is_replaced(tmp_path):
    cache = FileCache(str(tmp_path))
    cache.write("t", Token("old", time.time() + 10, 3600).as_cache())  # 10 s of 3600 left: refresh
    value = cache.get_or_create("t", lambda d: Token.from_cache(d).usable(),
                                lambda: Token("new", time.time() + 3600, 3600).as_cache())
    assert value["access_token"] == "new"


def test_torn_entry_is_treated_as_missing(tmp_path):
    cache = FileCache(str(tmp_path))
    (tmp_path / "t.json").write_text("{not json")
    assert cache.read("t") is None
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".tmp-")]


def test_jwt_expiry_is_read_from_the_token():
    import base64
    claims = base64.urlsafe_b64encode(json.dumps({"iat": 1000, "exp": 4600}).encode()).decode().rstrip("=")
    token = token_from_jwt(f"h.{claims}.s")
    assert token.expires_at == 4600 and token.lifetime == 3600
    opaque = token_from_jwt("opaque")
    assert opaque.lifetime == 3600 and opaque.usable()


def test_cache_lives_in_a_private_subdirectory_and_leaves_a_shared_one_alone(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # as /tmp is: world-writable with the sticky bit
    directory = cache_dir({"IBM_COS_TOKEN_CACHE_DIR": str(shared)})
    FileCache(directory).get_or_create("t", lambda d: True, lambda: {"access_token": "tok"})
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert os.path.dirname(directory) == str(shared)
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700


@pytest.mark.parametrize("mode, words", [(0o777, "no sticky bit"), (0o770, "no sticky bit")])
def test_a_parent_others_can_write_without_the_sticky_bit_is_refused(tmp_path, mode, words):
    shared = tmp_path / "open"
    shared.mkdir()
    os.chmod(shared, mode)
    cache = FileCache(cache_dir({"IBM_COS_TOKEN_CACHE_DIR": str(shared)}))
    with pytest.raises(UnsafeCacheDir) as err:
        cache.get_or_create("t", lambda d: True, lambda: {"access_token": "tok"})
    assert str(shared) in str(err.value) and words in str(err.value) and "IBM_COS_TOKEN_CACHE_DIR" in str(err.value)
    assert stat.S_IMODE(shared.stat().st_mode) == mode and not list(shared.iterdir())


def test_an_open_cache_directory_is_refused_not_re_permissioned(tmp_path):
    directory = tmp_path / "ibm.cos"
    directory.mkdir()
    os.chmod(directory, 0o755)
    with pytest.raises(UnsafeCacheDir, match="0755"):
        FileCache(str(directory)).get_or_create("t", lambda d: True, lambda: {"access_token": "tok"})
    assert stat.S_IMODE(directory.stat().st_mode) == 0o755


def test_a_directory_of_another_owner_is_refused(tmp_path, monkeypatch):
    directory = tmp_path / "ibm.cos"
    directory.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(directory).st_uid + 1)
    with pytest.raises(UnsafeCacheDir, match="another user"):
        FileCache(str(directory)).get_or_create("t", lambda d: True, lambda: {"access_token": "tok"})
