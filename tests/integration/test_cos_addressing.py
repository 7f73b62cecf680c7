"""cos_bucket and cos_object with addressing_style: virtual reach COS at `{bucket}.{endpoint}`.

Names under s3.localhost resolve nowhere, so the modules reach the stack through a CONNECT proxy
(HTTPS_PROXY), as they would reach COS through a corporate proxy; TLS runs inside the tunnel and the
certificate is checked against the virtual-host name. The proxy records the host each tunnel was
opened to, which shows the requests really were virtual-hosted."""
from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
from checks import statuses
from harness import empty_and_delete_bucket

from cos_stack.admin import writes
from cos_stack.ibm.addressing import VIRTUAL_HOST_DOMAIN
from cos_stack.web.connect_proxy import ConnectProxy

LOOPBACKS = "127.0.0.1,127.0.0.2,127.0.0.3"  # IAM and the Config API: straight to the stack


@pytest.fixture
def proxy():
    with ConnectProxy() as running:
        yield running


def virtual_env(cos_env, proxy):
    port = urlsplit(cos_env["IBM_COS_ENDPOINT"]).port
    return {"IBM_COS_ENDPOINT": f"https://{VIRTUAL_HOST_DOMAIN}:{port}", "IBM_COS_ADDRESSING_STYLE": "virtual",
            "HTTPS_PROXY": proxy.url, "https_proxy": proxy.url, "NO_PROXY": LOOPBACKS, "no_proxy": LOOPBACKS}


def test_bucket_and_objects_converge_over_virtual_hosted_requests(ansible, stack, s3, cos_env, proxy,
                                                                   bucket_name, tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(range(256)) * (21 * 4096))  # 21 MiB: two parts, so multipart goes virtual too
    tasks = [{"ibm.cos.cos_bucket": {"name": bucket_name, "versioning": True}},
             {"ibm.cos.cos_object": {"bucket": bucket_name, "key": "notes/hello.txt", "content": "hello\n"}},
             {"ibm.cos.cos_object": {"bucket": bucket_name, "key": "big.bin", "src": str(big)}}]
    env = virtual_env(cos_env, proxy)

    first = ansible.playbook(tasks, env=env)

    assert [r["_status"] for r in first] == ["ok"] * 3 and all(r["changed"] for r in first), statuses(first)
    assert s3.get_bucket_versioning(Bucket=bucket_name)["Status"] == "Enabled"
    assert s3.get_object(Bucket=bucket_name, Key="notes/hello.txt")["Body"].read() == b"hello\n"
    assert s3.head_object(Bucket=bucket_name, Key="big.bin")["ContentLength"] == big.stat().st_size
    ops = stack.counters()
    assert ops.get("CreateBucket") == 1 and ops.get("PutBucketVersioning") == 1, ops
    assert ops.get("PutObject") == 1 and ops.get("UploadPart") == 2 and ops.get("CompleteMultipartUpload") == 1
    port = urlsplit(cos_env["IBM_COS_ENDPOINT"]).port
    bucket_host = f"{bucket_name}.{VIRTUAL_HOST_DOMAIN}:{port}"
    # Every object and bucket call went to the bucket's host; ibm_botocore sends GetBucketLocation
    # alone to the endpoint (path style), whatever the addressing style.
    assert proxy.hosts.count(bucket_host) >= 2 and set(proxy.hosts) <= {bucket_host, f"{VIRTUAL_HOST_DOMAIN}:{port}"}

    stack.reset_counters()
    second = ansible.playbook(tasks, env=env)

    assert [(r["_status"], r["changed"]) for r in second] == [("ok", False)] * 3, statuses(second)
    assert writes(stack.counters()) == {}


def test_path_style_stays_the_default(ansible, stack, s3, cos_env, proxy, bucket_name):
    # The same proxy and host name without the option: requests go to s3.localhost/{bucket}.
    env = {k: v for k, v in virtual_env(cos_env, proxy).items() if k != "IBM_COS_ADDRESSING_STYLE"}

    result = ansible.module("cos_bucket", {"name": bucket_name}, env=env)

    assert result["_status"] == "ok" and result["changed"] is True, result.get("msg")
    s3.head_bucket(Bucket=bucket_name)
    assert set(proxy.hosts) == {f"{VIRTUAL_HOST_DOMAIN}:{urlsplit(cos_env['IBM_COS_ENDPOINT']).port}"}


def test_virtual_addressing_refuses_an_ip_endpoint_before_any_call(ansible, stack, bucket_name):
    result = ansible.module("cos_bucket", {"name": bucket_name, "addressing_style": "virtual"})

    assert result["_status"] == "failed"
    assert "addressing_style virtual needs an endpoint with a host name" in result["msg"]
    assert stack.counters() == {}


def test_a_dotted_bucket_name_under_virtual_addressing_goes_path_style(ansible, stack, s3, cos_env, proxy):
    # A name with a dot is not one DNS label: the SDK sends it path style rather than fail.
    name = f"it.dotted.{uuid.uuid4().hex[:8]}"
    try:
        result = ansible.module("cos_bucket", {"name": name}, env=virtual_env(cos_env, proxy))

        assert result["_status"] == "ok" and result["changed"] is True, result.get("msg")
        s3.head_bucket(Bucket=name)
        assert not [host for host in proxy.hosts if host.startswith(name)], proxy.hosts
    finally:
        empty_and_delete_bucket(s3, name)
