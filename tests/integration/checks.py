"""Small helpers several integration tests share (plain functions, no fixtures)."""
from __future__ import annotations

import json


def object_task(bucket, key, **args):
    """One ibm.cos.cos_object task for AnsibleRunner.playbook."""
    return {"ibm.cos.cos_object": dict(bucket=bucket, key=key, **args)}


def statuses(results):
    """(status, changed, msg) of each task result, for comparing a whole run at once."""
    return [(r["_status"], r.get("changed"), r.get("msg")) for r in results]


def only_iam(cos_env, **extra):
    """The stack's environment with API-key auth only (no HMAC keys to fall back on)."""
    env = {k: v for k, v in cos_env.items() if not k.startswith("IBM_COS_HMAC")}
    env.update(extra)
    return env


def assert_one_clear_line(result, runner, *words, secrets=()):
    """The task failed with a one-line message holding `words`, no traceback and none of `secrets`."""
    assert result["_status"] == "failed", result
    msg = result["msg"]
    assert "\n" not in msg and "Traceback" not in msg, msg
    for word in words:
        assert word in msg, msg
    output = runner.last_stdout + runner.last_stderr
    assert "Traceback" not in output
    for secret in secrets:
        assert secret not in output and secret not in json.dumps(result)
