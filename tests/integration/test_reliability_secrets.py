"""Secrets are never shown: every module at -vvv, on success and failure paths, with sentinel values
for the API key, the HMAC secret, the IAM token and the compute-resource token. None of them may
appear in stdout, stderr, a return value, an error message or a file the collection writes.

The sentinels that must work are registered in a stack of this module's own (COS_STACK_CONFIG);
wrong ones are sentinels too, so failure paths are checked with values the stack refuses."""
from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path

import pytest
import requests

from harness import AnsibleRunner

TESTS_DIR = Path(__file__).resolve().parents[1]
sys.path.append(str(TESTS_DIR / "contract"))
from private_stack import PrivateStack  # noqa: E402  pylint: disable=wrong-import-position
GUID = "d6f04d83-6c4f-4a62-a165-696756d63903"

API_KEY = "SENTINEL-apikey-0b1e7c4d9a2f6e8b3c5d"
HMAC_ID = "5e471e1a0000000000000000000000a1"
HMAC_SECRET = "SENTINEL-hmacsecret-7d2c9f4e1a6b8d3c5e0f"
CR_TOKEN = "SENTINEL-crtoken.eyJzdWIiOiJzZW50aW5lbCJ9.c2ln"
WRONG = {
    "api_key": "SENTINEL-wrong-apikey-4c8e2a",
    "hmac_secret": "SENTINEL-wrong-hmacsecret-9a1c3e5f7b2d4f6a",
    "cr_token": "SENTINEL-wrong-crtoken.eyJzdWIiOiJ4In0.eA",
    # JWT-shaped with a far `exp`, so the collection takes it as a usable token and sends it.
    "iam_token": "eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDAsImlhdCI6MTcwMDAwMDAwMH0.SENTINEL-wrong-iamtoken",
}
SENTINEL_CONFIG = {
    "api_keys": [{"apikey": API_KEY, "name": "sentinel-writer", "iam_id": "iam-ServiceId-sentinel",
                  "instances": [GUID]},
                 {"apikey": "SENTINEL-stranger-2f4a6c8e", "name": "sentinel-stranger",
                  "iam_id": "iam-ServiceId-stranger", "instances": []}],
    "hmac_keys": [{"access_key_id": HMAC_ID, "secret_access_key": HMAC_SECRET, "instance": GUID}],
    "cr_token": CR_TOKEN,
}


@pytest.fixture(scope="module")
def sentinel_stack(tmp_path_factory):
    directory = tmp_path_factory.mktemp("sentinel-stack")
    (directory / "config.json").write_text(json.dumps(SENTINEL_CONFIG))
    with PrivateStack(directory, config=directory / "config.json").running() as env:
        yield env


def fetch_token(env):
    response = requests.post(env["IBM_IAM_ENDPOINT"], verify=env["IBM_COS_CA_BUNDLE"], timeout=30,
                             headers={"Authorization": "Basic Yng6Yng="},
                             data={"grant_type": "urn:ibm:params:oauth:grant-type:apikey", "apikey": API_KEY,
                                   "response_type": "cloud_iam"})
    response.raise_for_status()
    return response.json()["access_token"]


def every_file(root):
    for directory, _, names in os.walk(root):
        for name in names:
            yield Path(directory) / name


def test_no_sentinel_in_any_output_result_or_file(sentinel_stack, tmp_path):
    env = sentinel_stack
    bucket, missing, vault = "it-secrets-sentinel", "it-secrets-never-created", "it-secrets-vault"
    home, cache = tmp_path / "home", tmp_path / "token-cache"
    home.mkdir()
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.txt").write_text("a\n")
    (tree / "sub" / "b.txt").write_text("b\n")
    (tmp_path / "cr-token").write_text(CR_TOKEN + "\n")
    (tmp_path / "wrong-cr-token").write_text(WRONG["cr_token"] + "\n")
    (tmp_path / "creds.json").write_text(json.dumps({
        "apikey": API_KEY, "resource_instance_id": env["IBM_COS_INSTANCE_CRN"],
        "cos_hmac_keys": {"access_key_id": HMAC_ID, "secret_access_key": HMAC_SECRET}}))
    real_token = fetch_token(env)
    sentinels = [API_KEY, HMAC_SECRET, CR_TOKEN, real_token] + list(WRONG.values())

    hmac = {"hmac_access_key_id": HMAC_ID, "hmac_secret_access_key": HMAC_SECRET}
    profile = {"trusted_profile_id": env["IBM_TRUSTED_PROFILE_ID"], "cr_token_file": str(tmp_path / "cr-token")}
    cases = [
        # success paths, each module, every auth method (the API key comes from the environment)
        ("ok", "cos_bucket", {"name": bucket, "website": {"index_document": "secrets.html"}, "versioning": False}),
        ("ok", "cos_object", dict(hmac, bucket=bucket, key="inline.txt", content="hello\n")),
        ("ok", "cos_object", dict(hmac, bucket=bucket, key="inline.txt", presign="get")),
        ("ok", "cos_object", dict(profile, bucket=bucket, key="inline.txt", dest=str(tmp_path / "got.txt"))),
        ("ok", "cos_object_info", {"bucket": bucket, "iam_token": real_token}),
        ("ok", "cos_sync", {"bucket": bucket, "src": str(tree), "prefix": "tree", "api_key": API_KEY}),
        ("ok", "cos_bucket_info", {"name": [bucket], "settings": ["all"]}),
        ("ok", "cos_bucket_info", {"name": [bucket], "credentials_file": str(tmp_path / "creds.json")}),
        # HMAC keys cannot read the Resource Configuration API: the setting is left out with a warning
        ("ok", "cos_bucket_info", {"name": [bucket], "settings": ["firewall"], **hmac}),
        ("ok", "cos_backup_vault", {"name": vault, "region": "us-south", "api_key": API_KEY}),
        ("ok", "cos_backup_vault_info", dict(profile, name=[vault], recovery_ranges=True)),
        # failure paths with working credentials
        ("failed", "cos_bucket", {"name": bucket, "state": "absent"}),
        ("failed", "cos_object", dict(hmac, bucket=bucket, key="nothing-here", dest=str(tmp_path / "x"))),
        ("failed", "cos_object_info", {"bucket": missing, "iam_token": real_token}),
        ("failed", "cos_sync", dict(profile, bucket=missing, src=str(tree))),
        ("failed", "cos_backup_vault", dict(hmac, name=vault)),
        ("failed", "cos_backup_policy", {"bucket": bucket, "name": "p", "vault": missing, "delete_after_days": 1,
                                         "iam_token": real_token}),
        ("failed", "cos_restore", {"vault": missing, "restore_id": "nothing", "credentials_file": str(tmp_path / "creds.json")}),
        # failure paths with wrong sentinel credentials
        ("failed", "cos_bucket_info", {"api_key": WRONG["api_key"]}),
        ("failed", "cos_object", {"bucket": bucket, "key": "k", "content": "x",
                                  "hmac_access_key_id": HMAC_ID, "hmac_secret_access_key": WRONG["hmac_secret"]}),
        ("failed", "cos_bucket", {"name": bucket, "website": {"index_document": "a.html"}, "trusted_profile_id": env["IBM_TRUSTED_PROFILE_ID"],
                                  "cr_token_file": str(tmp_path / "wrong-cr-token")}),
        ("failed", "cos_object_info", {"bucket": bucket, "iam_token": WRONG["iam_token"]}),
        ("failed", "cos_recovery_range", {"vault": vault, "bucket": bucket, "delete_after_days": 5,
                                          "api_key": WRONG["api_key"]}),
        ("failed", "cos_sync", {"bucket": bucket, "src": str(tree), "hmac_access_key_id": HMAC_ID,
                                "hmac_secret_access_key": WRONG["hmac_secret"]}),
    ]
    run_env = {k: env[k] for k in ("IBM_COS_ENDPOINT", "IBM_COS_CA_BUNDLE", "IBM_IAM_ENDPOINT",
                                   "IBM_COS_CONFIG_ENDPOINT", "IBM_COS_INSTANCE_CRN")}
    run_env.update(IBMCLOUD_API_KEY=API_KEY, HOME=str(home), IBM_COS_TOKEN_CACHE_DIR=str(cache))
    runner = AnsibleRunner(env, tmp_path, cache)
    play = [{"name": f"{i}-{module}-{expected}", f"ibm.cos.{module}": args}
            for i, (expected, module, args) in enumerate(cases)]
    results = runner.playbook(play, env=run_env, stack_env=False, verbosity=3)

    assert [r["_status"] for r in results] == [c[0] for c in cases], [(r["_task"], r.get("msg")) for r in results]
    for result in results:
        if result["_status"] == "failed":
            assert result["msg"] and "\n" not in result["msg"] and "Traceback" not in result["msg"], result["msg"]
    presigned = results[2]["url"]
    assert presigned.startswith(env["IBM_COS_ENDPOINT"]) and HMAC_ID in presigned
    assert (tmp_path / "got.txt").read_text() == "hello\n"

    output = runner.last_stdout + runner.last_stderr
    assert "Traceback" not in output
    returned = json.dumps(results)
    leaks = [s for s in sentinels if s in output or s in returned]
    assert not leaks, f"sentinels shown: {leaks}"

    for path in every_file(home):
        text = path.read_bytes().decode("utf-8", "replace")
        assert not [s for s in sentinels if s in text], path
    cache_files = list(every_file(cache))
    assert cache_files
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    for path in cache_files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        text = path.read_text()
        assert not [s for s in sentinels if s in text and s != real_token], path
        if path.name.startswith("token-") and path.suffix == ".json":
            assert set(json.loads(text)) == {"access_token", "expires_at", "lifetime"}  # the token only


def _module_specs():
    sys.path.insert(0, str(TESTS_DIR.parent / "build" / "collections"))
    import importlib

    from ansible_collections.ibm.cos.plugins.module_utils._settings import CONNECTION_ARGUMENT_SPEC

    for name in ("cos_bucket", "cos_bucket_info", "cos_object", "cos_object_info", "cos_sync", "cos_backup_vault",
                 "cos_backup_vault_info", "cos_backup_policy", "cos_recovery_range", "cos_restore"):
        module = importlib.import_module(f"ansible_collections.ibm.cos.plugins.modules.{name}")
        spec = getattr(module, "ARGUMENT_SPEC", None) or module.argument_spec()
        yield name, dict(CONNECTION_ARGUMENT_SPEC, **spec)


def _walk(spec, path=""):
    for option, entry in spec.items():
        yield f"{path}{option}", entry
        if entry.get("options"):
            yield from _walk(entry["options"], f"{path}{option}.")


CREDENTIAL_OPTIONS = ("api_key", "hmac_access_key_id", "hmac_secret_access_key", "iam_token")
# Names that read as a secret (ansible itself only warns about password-like ones).
SECRET_NAME = re.compile(r"(^|_)(key|secret|token|password|passphrase|apikey|credentials?)(_id)?$")


def test_every_credential_option_is_no_log_in_every_module():
    for name, spec in _module_specs():
        for option in CREDENTIAL_OPTIONS:
            assert spec[option].get("no_log") is True, f"{name}: {option} is not no_log"
        # Anything else that sounds secret says explicitly whether it is (ansible warns otherwise).
        for option, entry in _walk(spec):
            leaf = option.rsplit(".", 1)[-1]
            if SECRET_NAME.search(leaf) and leaf not in CREDENTIAL_OPTIONS:
                assert "no_log" in entry or entry.get("type") in ("path", "bool"), f"{name}: {option}"


def test_no_token_or_key_with_ansible_debug(sentinel_stack, tmp_path):
    """ANSIBLE_DEBUG=1 makes ansible-core print each module's arguments and raw output. Credentials
    from the environment, and the token exchanged for them, must not be among them."""
    env = sentinel_stack
    bucket = "it-secrets-debug"
    home, cache = tmp_path / "home", tmp_path / "token-cache"
    home.mkdir()
    (tmp_path / "cr-token").write_text(CR_TOKEN + "\n")
    (tmp_path / "f.txt").write_text("f\n")
    run_env = {k: env[k] for k in ("IBM_COS_ENDPOINT", "IBM_COS_CA_BUNDLE", "IBM_IAM_ENDPOINT",
                                   "IBM_COS_CONFIG_ENDPOINT", "IBM_COS_INSTANCE_CRN")}
    run_env.update(IBMCLOUD_API_KEY=API_KEY, HOME=str(home), IBM_COS_TOKEN_CACHE_DIR=str(cache), ANSIBLE_DEBUG="1")
    # Secrets only in the process environment and files: ansible-core prints a task's `environment:`
    # values and its options as given, whatever the module does.
    profile = {"trusted_profile_id": env["IBM_TRUSTED_PROFILE_ID"], "cr_token_file": str(tmp_path / "cr-token")}
    play = [
        {"name": "bucket", "ibm.cos.cos_bucket": {"name": bucket, "versioning": True}},
        {"name": "object", "ibm.cos.cos_object": {"bucket": bucket, "key": "f.txt", "src": str(tmp_path / "f.txt")}},
        {"name": "object-info", "ibm.cos.cos_object_info": dict(profile, bucket=bucket)},
        {"name": "sync-profile", "ibm.cos.cos_sync": dict(profile, bucket=bucket, src=str(tmp_path), prefix="p",
                                                          include=["f.txt"])},
        {"name": "info", "ibm.cos.cos_bucket_info": {"name": [bucket], "settings": ["all"]}},
        {"name": "fleet", "ibm.cos.cos_buckets": {"buckets": [{"name": bucket, "versioning": True}]}},
        {"name": "reattempt", "ibm.cos.cos_bucket_replication_reattempt": {"bucket": bucket}},
        {"name": "object-failing", "ibm.cos.cos_object": {"bucket": bucket, "key": "nothing-here",
                                                          "dest": str(tmp_path / "x")}},
    ]
    runner = AnsibleRunner(env, tmp_path, cache)
    results = runner.playbook(play, env=run_env, stack_env=False, verbosity=3)
    assert [r["_status"] for r in results] == ["ok"] * 7 + ["failed"], [(r["_task"], r.get("msg")) for r in results]
    output = runner.last_stdout + runner.last_stderr
    assert "done with _execute_module" in output  # ansible-core's debug output is on
    tokens = [json.loads(p.read_text())["access_token"] for p in every_file(cache)
              if p.name.startswith("token-") and p.suffix == ".json"]
    assert len(tokens) == 2  # one for the API key, one for the trusted profile
    leaks = [s for s in [API_KEY, HMAC_SECRET, CR_TOKEN] + tokens if s in output or s in json.dumps(results)]
    assert not leaks, f"shown with ANSIBLE_DEBUG=1: {leaks}"
