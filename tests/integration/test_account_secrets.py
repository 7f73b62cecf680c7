"""No secret of the account modules reaches any output: at -vvv with --diff, with ANSIBLE_DEBUG=1
(which prints every module's raw output), on success and failure paths, the API key, the IAM token,
wrong sentinel credentials and the secrets of the credentials cos_credentials creates (API keys and
HMAC secrets, before and after a rotation) appear in no stdout, stderr, result or registered
variable, and in no file but the 0600 credential file asked for.

Runs on the sentinel stack of test_reliability_secrets (its own COS_STACK_CONFIG)."""
from __future__ import annotations

import json
import stat

from test_reliability_secrets import API_KEY, WRONG, every_file, fetch_token, sentinel_stack  # noqa: F401
from test_reliability_support import AnsibleRunner

ACCOUNT_ENDPOINTS = ("IBM_RESOURCE_CONTROLLER_ENDPOINT", "IBM_RESOURCE_MANAGER_ENDPOINT", "IBM_IAM_POLICY_ENDPOINT",
                     "IBM_GLOBAL_TAGGING_ENDPOINT")


def _keep(name, credentials_file, path):
    """Helper tasks that hand the test the registered result and the credentials file as it is now."""
    return [{"name": f"keep {name}", "ansible.builtin.copy": {"content": "{{ %s | to_json }}" % name,
                                                              "dest": str(path / f"{name}.json"), "mode": "0600"},
             "diff": False},
            {"name": f"keep {name} file", "ansible.builtin.copy": {
                "src": str(credentials_file), "remote_src": True, "dest": str(path / f"{name}-file.json"),
                "mode": "0600"}, "no_log": True, "diff": False}]


def test_no_account_secret_in_any_output_result_or_file(sentinel_stack, tmp_path):
    env = sentinel_stack
    home, cache, held = tmp_path / "home", tmp_path / "token-cache", tmp_path / "held"
    home.mkdir()
    held.mkdir()
    credentials_file = home / "cos-credentials.json"
    name = "it-secrets-account"
    instance = "{{ cos.crn }}"
    key = {"name": "app", "instance": instance, "hmac": True, "credentials_file_path": str(credentials_file)}
    first = [
        {"name": "instance", "ibm.cos.cos_instance": {"name": name, "tags": ["a"]}, "register": "cos"},
        {"name": "instances listed", "ibm.cos.cos_instance_info": {"name": name}},
        {"name": "key", "ibm.cos.cos_credentials": key, "register": "made"},
        *_keep("made", credentials_file, held),
        {"name": "key again", "ibm.cos.cos_credentials": key},
        {"name": "key rotated", "ibm.cos.cos_credentials": dict(key, rotate=True), "register": "rotated"},
        *_keep("rotated", credentials_file, held),
        {"name": "key role change refused", "ibm.cos.cos_credentials": dict(key, role="Manager")},
        {"name": "authorization", "ibm.cos.cos_authorization": {
            "source_instance": instance, "target_instance": env["IBM_KP_ROOT_KEY_CRN"]}},
        {"name": "plan change refused", "ibm.cos.cos_instance": {"name": name, "plan": "one-rate"}},
    ]
    # ansible-core prints a task's options as given with ANSIBLE_DEBUG=1: wrong credentials given as
    # options are tried in the run without it.
    second = [
        {"name": "instance", "ibm.cos.cos_instance": {"name": name}, "register": "cos"},
        {"name": "wrong api key", "ibm.cos.cos_credentials": dict(key, api_key=WRONG["api_key"])},
        {"name": "wrong token", "ibm.cos.cos_instance": {"name": name, "iam_token": WRONG["iam_token"]}},
        {"name": "listed with a wrong api key", "ibm.cos.cos_instance_info": {"instance": instance,
                                                                               "api_key": WRONG["api_key"]}},
        {"name": "key removed", "ibm.cos.cos_credentials": dict(key, state="absent")},
        {"name": "instance removed", "ibm.cos.cos_instance": {"name": name, "state": "absent", "force": True}},
    ]
    run_env = {k: env[k] for k in ("IBM_COS_ENDPOINT", "IBM_COS_CA_BUNDLE", "IBM_IAM_ENDPOINT",
                                   "IBM_COS_CONFIG_ENDPOINT", "IBM_COS_INSTANCE_CRN") + ACCOUNT_ENDPOINTS}
    run_env.update(IBMCLOUD_API_KEY=API_KEY, HOME=str(home), IBM_COS_TOKEN_CACHE_DIR=str(cache))
    runner = AnsibleRunner(env, tmp_path, cache)

    results = runner.playbook(first, env=dict(run_env, ANSIBLE_DEBUG="1"), stack_env=False, verbosity=3, diff=True)
    output = runner.last_stdout + runner.last_stderr
    assert "done with _execute_module" in output  # ansible-core's debug output is on
    statuses = {r["_task"]: r["_status"] for r in results}
    assert statuses == {"instance": "ok", "instances listed": "ok", "key": "ok", "keep made": "ok", "keep made file": "ok", "key again": "ok",
                        "key rotated": "ok", "keep rotated": "ok", "keep rotated file": "ok",
                        "key role change refused": "failed", "authorization": "ok",
                        "plan change refused": "failed"}, [(r["_task"], r.get("msg")) for r in results]
    made, rotated = (json.loads((held / f"{name}-file.json").read_text()) for name in ("made", "rotated"))
    assert made["apikey"] != rotated["apikey"]
    # the registered variables hold the credential documents, their secrets masked
    for name, written in (("made", made), ("rotated", rotated)):
        registered = json.loads((held / f"{name}.json").read_text())["credentials"]
        mask = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"  # ansible-core's mask of a whole no_log value
        assert registered["apikey"] == mask and registered["cos_hmac_keys"]["secret_access_key"] == mask
        assert registered["resource_instance_id"] == written["resource_instance_id"]
    secrets = [API_KEY, fetch_token(env), made["apikey"], made["cos_hmac_keys"]["secret_access_key"],
               rotated["apikey"], rotated["cos_hmac_keys"]["secret_access_key"]] + list(WRONG.values())

    results += runner.playbook(second, env=run_env, stack_env=False, verbosity=3, diff=True)
    output += runner.last_stdout + runner.last_stderr
    assert [r["_status"] for r in results[-6:]] == ["ok", "failed", "failed", "failed", "ok", "ok"], \
        [(r["_task"], r.get("msg")) for r in results[-6:]]

    assert "Traceback" not in output
    returned = json.dumps(results)
    leaks = [secret for secret in secrets if secret in output or secret in returned]
    assert not leaks, f"secrets shown: {[s[:6] + '...' for s in leaks]}"
    for result in results:
        if result["_status"] == "failed":
            assert result["msg"] and "\n" not in result["msg"], result["msg"]
    assert not credentials_file.exists()  # removed with the key
    for path in every_file(home):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not [s for s in secrets if s in text], path
    for path in every_file(held):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
