"""The ibm.cos.cos_object lookup against the stack: text, base64 and metadata in a rendered template,
errors that name the bucket and key (and no secret), and one IAM exchange shared with the modules."""
from __future__ import annotations

import base64
import json

import pytest
from checks import only_iam

TEXT = "Grüße from COS\nline two\n"
BINARY = bytes(range(256))


@pytest.fixture
def stored(s3, bucket_name, cos_env):
    """A bucket put through the stack with a text object (with user metadata) and a binary one."""
    s3.create_bucket(Bucket=bucket_name,
                     CreateBucketConfiguration={"LocationConstraint": f"{cos_env['IBM_COS_REGION']}-standard"})
    s3.put_object(Bucket=bucket_name, Key="conf/app.txt", Body=TEXT.encode("utf-8"),
                  ContentType="text/plain; charset=utf-8", Metadata={"owner": "platform"},
                  CacheControl="no-cache")
    s3.put_object(Bucket=bucket_name, Key="bin/blob", Body=BINARY)
    return bucket_name


def render(ansible, tmp_path, template_text, env=None, extra_tasks=()):
    """Render `template_text` with ansible.builtin.template; return (results, rendered text or None)."""
    src, dest = tmp_path / "page.j2", tmp_path / "page.out"
    src.write_text(template_text, encoding="utf-8")
    task = {"ansible.builtin.template": {"src": str(src), "dest": str(dest), "mode": "0600"}}
    results = ansible.playbook(list(extra_tasks) + [task], env=env)
    return results, dest.read_text(encoding="utf-8") if dest.exists() else None


def test_template_renders_the_object_text(ansible, stack, stored, tmp_path):
    results, text = render(ansible, tmp_path,
                           "before\n{{ lookup('ibm.cos.cos_object', '%s/conf/app.txt') }}after\n" % stored)
    assert results[-1]["_status"] == "ok", results
    assert text == "before\n" + TEXT + "after\n"
    assert stack.counters().get("GetObject") == 1


def test_bucket_option_and_base64_mode(ansible, stack, stored, tmp_path):
    results, text = render(ansible, tmp_path,
                           "{{ lookup('ibm.cos.cos_object', 'bin/blob', bucket='%s', mode='base64') }}" % stored)
    assert results[-1]["_status"] == "ok", results
    assert base64.b64decode(text) == BINARY


def test_metadata_mode_reads_the_head_only(ansible, stack, stored, tmp_path, s3):
    results, text = render(ansible, tmp_path,
                           "{{ lookup('ibm.cos.cos_object', '%s/conf/app.txt', mode='metadata') | to_json }}" % stored)
    assert results[-1]["_status"] == "ok", results
    meta = json.loads(text)
    ops = stack.counters()
    assert ops.get("HeadObject") == 1 and "GetObject" not in ops
    head = s3.head_object(Bucket=stored, Key="conf/app.txt")
    assert meta["size"] == len(TEXT.encode("utf-8"))
    assert meta["etag"] == head["ETag"].strip('"')
    assert meta["content_type"] == "text/plain; charset=utf-8"
    assert meta["metadata"] == {"owner": "platform"}
    assert meta["cache_control"] == "no-cache"
    assert meta["last_modified"] == head["LastModified"].isoformat()


def test_several_terms_come_back_in_order(ansible, stack, stored, tmp_path):
    results, text = render(ansible, tmp_path, "{{ query('ibm.cos.cos_object', 'conf/app.txt', 'bin/blob', "
                                              "bucket='%s', mode='base64') | to_json }}" % stored)
    assert results[-1]["_status"] == "ok", results
    assert [base64.b64decode(v) for v in json.loads(text)] == [TEXT.encode("utf-8"), BINARY]


def test_missing_key_error_names_bucket_and_key(ansible, stack, stored, tmp_path):
    results, text = render(ansible, tmp_path, "{{ lookup('ibm.cos.cos_object', '%s/no/such.txt') }}" % stored)
    assert text is None
    assert results[-1]["_status"] == "failed"
    msg = results[-1]["msg"]
    assert "'no/such.txt'" in msg and repr(stored) in msg and "does not exist" in msg, msg


def test_binary_as_text_says_to_use_base64(ansible, stack, stored, tmp_path):
    results, _ = render(ansible, tmp_path, "{{ lookup('ibm.cos.cos_object', '%s/bin/blob') }}" % stored)
    msg = results[-1]["msg"]
    assert results[-1]["_status"] == "failed" and "mode='base64'" in msg and "'bin/blob'" in msg, msg


def test_bad_term_fails_before_any_call(ansible, stack, tmp_path):
    results, _ = render(ansible, tmp_path, "{{ lookup('ibm.cos.cos_object', 'no-slash-here') }}")
    assert results[-1]["_status"] == "failed" and "'bucket/key'" in results[-1]["msg"]
    assert stack.counters() == {}


def test_modules_and_lookups_share_one_iam_exchange(ansible, stack, bucket_name, tmp_path, s3):
    env = only_iam(ansible.cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "token-cache"))
    put = [{"ibm.cos.cos_bucket": {"name": bucket_name}},
           {"ibm.cos.cos_object": {"bucket": bucket_name, "key": "motd", "content": TEXT}},
           {"ansible.builtin.debug": {"msg": "{{ lookup('ibm.cos.cos_object', '%s/motd') }}" % bucket_name}}]
    results, text = render(ansible, tmp_path, "{{ lookup('ibm.cos.cos_object', '%s/motd') }}" % bucket_name,
                           env=env, extra_tasks=put)
    assert [r["_status"] for r in results] == ["ok"] * 4, results
    assert results[2]["msg"] == TEXT and text == TEXT
    ops = stack.counters()
    assert ops.get("iam_token") == 1, ops
    assert ops.get("GetObject") == 2
    assert s3.get_object(Bucket=bucket_name, Key="motd")["Body"].read() == TEXT.encode("utf-8")


def test_lookup_alone_exchanges_once_per_run(ansible, stack, stored, tmp_path):
    env = only_iam(ansible.cos_env, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "token-cache"))
    lookup = {"ansible.builtin.debug": {"msg": "{{ lookup('ibm.cos.cos_object', '%s/conf/app.txt') }}" % stored}}
    results = ansible.playbook([lookup] * 3, env=env)
    assert [r.get("msg") for r in results] == [TEXT] * 3
    assert stack.counters().get("iam_token") == 1
    cache = tmp_path / "token-cache"
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in cache.glob("*.json"))


def test_hmac_keys_make_no_iam_call(ansible, stack, stored, tmp_path):
    iam_vars = ("IBMCLOUD_API_KEY", "IBM_TRUSTED_PROFILE_ID", "IBM_TRUSTED_PROFILE_NAME", "IBM_CR_TOKEN_FILE")
    env = {k: v for k, v in ansible.cos_env.items() if k not in iam_vars}
    env["IBM_COS_TOKEN_CACHE_DIR"] = str(tmp_path / "token-cache")
    lookup = {"ansible.builtin.debug": {"msg": "{{ lookup('ibm.cos.cos_object', '%s/conf/app.txt') }}" % stored}}
    [result] = ansible.playbook([lookup], env=env, stack_env=False)
    assert result["msg"] == TEXT
    assert "iam_token" not in stack.counters()


def test_rejected_key_fails_in_one_line_without_the_key(ansible, stack, stored, tmp_path):
    sentinel = "lookup-sentinel-api-key-0123456789"
    env = only_iam(ansible.cos_env, IBMCLOUD_API_KEY=sentinel, IBM_COS_TOKEN_CACHE_DIR=str(tmp_path / "c"))
    lookup = {"ansible.builtin.debug": {"msg": "{{ lookup('ibm.cos.cos_object', '%s/conf/app.txt') }}" % stored}}
    [result] = ansible.playbook([lookup], env=env, verbosity=3)
    assert result["_status"] == "failed"
    assert "BXNIM0415E" in result["msg"] and "api_key" in result["msg"], result["msg"]
    output = ansible.last_stdout + ansible.last_stderr + json.dumps(result)
    assert sentinel not in output
    assert "Traceback" not in output
    assert "GetObject" not in stack.counters()
