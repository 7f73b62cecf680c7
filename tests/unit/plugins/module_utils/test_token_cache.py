"""The token cache: 0600 files, one exchange under concurrency, nothing but the token stored."""
import json
import os
import stat
import threading
import time

from ansible_collections.ibm.cos.plugins.module_utils._iam import Token, token_from_jwt
from ansible_collections.ibm.cos.plugins.module_utils._token_cache import FileCache, entry_name


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
