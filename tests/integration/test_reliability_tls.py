"""TLS is verified by default: without ca_bundle the stack's certificate (its own CA) is refused with
one clear line, on the IAM exchange and on S3 calls alike; with ca_bundle it is accepted.
(cos_bucket_info is covered in test_connection.py.)"""
from __future__ import annotations

import json


def test_untrusted_certificate_is_refused_and_ca_bundle_accepts_it(ansible, stack, cos_env, bucket_name, tmp_path):
    ca_bundle = cos_env["IBM_COS_CA_BUNDLE"]
    env = {"IBM_COS_CA_BUNDLE": None, "IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "c")}
    hmac = {"hmac_access_key_id": cos_env["IBM_COS_HMAC_ACCESS_KEY_ID"],
            "hmac_secret_access_key": cos_env["IBM_COS_HMAC_SECRET_ACCESS_KEY"]}
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "a.txt").write_text("a\n")
    refused = [
        # API key auth: the controller's token exchange meets the certificate first
        ("bucket-iam", {"ibm.cos.cos_bucket": {"name": bucket_name}}, "ca_bundle"),
        # HMAC auth: the module's first S3 call does
        ("bucket-hmac", {"ibm.cos.cos_bucket": dict(hmac, name=bucket_name)}, "ca_bundle"),
        ("object-hmac", {"ibm.cos.cos_object": dict(hmac, bucket=bucket_name, key="k", content="x")}, "ca_bundle"),
        ("sync-hmac", {"ibm.cos.cos_sync": dict(hmac, bucket=bucket_name, src=str(tmp_path / "tree"))}, "ca_bundle"),
    ]
    accepted = [
        ("bucket-ca", {"ibm.cos.cos_bucket": {"name": bucket_name, "ca_bundle": ca_bundle}}),
        ("object-ca", {"ibm.cos.cos_object": dict(hmac, bucket=bucket_name, key="k", content="x",
                                                  ca_bundle=ca_bundle)}),
    ]
    play = [dict(task, name=name) for name, task, _ in refused] + [dict(task, name=name) for name, task in accepted]
    results = {r["_task"]: r for r in ansible.playbook(play, env=env)}
    for name, _, word in refused:
        result = results[name]
        assert result["_status"] == "failed", (name, result)
        msg = result["msg"]
        assert "TLS" in msg and word in msg and "\n" not in msg, (name, msg)
        assert "certificate" in msg
    for name, _ in accepted:
        assert results[name]["_status"] == "ok", (name, results[name].get("msg"))
    assert results["bucket-ca"]["changed"] and results["object-ca"]["changed"]
    output = ansible.last_stdout + ansible.last_stderr + json.dumps(results)
    assert "Traceback" not in output and cos_env["IBM_COS_HMAC_SECRET_ACCESS_KEY"] not in output
    ops = stack.counters()
    # Refused handshakes never reach the layer that counts requests: only the accepted tasks' calls.
    assert ops.get("CreateBucket") == 1 and ops.get("PutObject") == 1, ops
