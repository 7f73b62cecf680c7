"""Virtual-hosted-style requests (`https://{bucket}.{endpoint}/{key}`) reach the same buckets and
objects as path-style ones. Against the stack they go through a CONNECT proxy to the names under
s3.localhost (nothing resolves them); against real COS straight to `{bucket}.{endpoint}`."""

import os
from urllib.parse import urlsplit

import ibm_boto3.session
import pytest
from ibm_botocore.client import Config

from cos_stack.ibm.addressing import VIRTUAL_HOST_DOMAIN
from cos_stack.web.connect_proxy import ConnectProxy, tunnel_target

pytestmark = pytest.mark.ledger("ADDR-01")
REAL = os.environ.get("IBM_COS_REAL") == "1"


@pytest.fixture(scope="module")
def proxy():
    if REAL:
        yield None
        return
    with ConnectProxy() as running:
        yield running


def virtual_endpoint(env):
    """The S3 endpoint as a host name a bucket label can go in front of."""
    if REAL:
        return env["IBM_COS_ENDPOINT"]
    return f"https://{VIRTUAL_HOST_DOMAIN}:{urlsplit(env['IBM_COS_ENDPOINT']).port}"


def virtual_client(env, proxy, hmac=False, style="virtual"):
    config = dict(s3={"addressing_style": style}, retries={"total_max_attempts": 1})
    if proxy is not None:
        config["proxies"] = {"https": proxy.url}
    kwargs = dict(endpoint_url=virtual_endpoint(env), verify=env.get("IBM_COS_CA_BUNDLE") or True)
    if hmac:
        kwargs.update(aws_access_key_id=env["IBM_COS_HMAC_ACCESS_KEY_ID"],
                      aws_secret_access_key=env["IBM_COS_HMAC_SECRET_ACCESS_KEY"], region_name="us-standard")
    else:
        config["signature_version"] = "oauth"
        kwargs.update(ibm_api_key_id=env["IBMCLOUD_API_KEY"], ibm_service_instance_id=env["IBM_COS_INSTANCE_CRN"],
                      ibm_auth_endpoint=env["IBM_IAM_ENDPOINT"])
    client = ibm_boto3.session.Session().client("s3", config=Config(**config), **kwargs)
    client.sent_hosts = []  # the host of every request as sent: proof of the style, on real COS too
    client.meta.events.register("before-send.s3", lambda request, **_: client.sent_hosts.append(
        urlsplit(request.url).hostname))
    return client


def test_virtual_host_requests_create_write_read_and_list(env, s3, proxy, bucket_name):
    client = virtual_client(env, proxy)
    name = bucket_name()

    client.create_bucket(Bucket=name)
    client.put_object(Bucket=name, Key="dir/hello.txt", Body=b"hello")
    client.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})

    assert client.get_object(Bucket=name, Key="dir/hello.txt")["Body"].read() == b"hello"
    assert [o["Key"] for o in client.list_objects_v2(Bucket=name)["Contents"]] == ["dir/hello.txt"]
    # The path-style client sees what the virtual-host one wrote: one bucket, one namespace.
    assert s3.get_object(Bucket=name, Key="dir/hello.txt")["Body"].read() == b"hello"
    assert s3.get_bucket_versioning(Bucket=name)["Status"] == "Enabled"
    endpoint_host = urlsplit(virtual_endpoint(env)).hostname
    assert set(client.sent_hosts) == {f"{name}.{endpoint_host}"}, client.sent_hosts
    if proxy is not None:
        port = urlsplit(env["IBM_COS_ENDPOINT"]).port
        assert f"{name}.{VIRTUAL_HOST_DOMAIN}:{port}" in proxy.hosts


def test_virtual_host_requests_signed_with_hmac(hmac_env, s3, proxy, bucket_name):
    # SigV4 signs the Host header: the stack checks the signature against the name that was sent.
    client = virtual_client(hmac_env, proxy, hmac=True)
    name = bucket_name()
    s3.create_bucket(Bucket=name)

    client.put_object(Bucket=name, Key="signed.txt", Body=b"signed")

    assert s3.get_object(Bucket=name, Key="signed.txt")["Body"].read() == b"signed"
    assert client.head_object(Bucket=name, Key="signed.txt")["ContentLength"] == 6
    assert set(client.sent_hosts) == {f"{name}.{urlsplit(virtual_endpoint(hmac_env)).hostname}"}


def test_path_style_requests_to_the_endpoint_host_name(env, s3, proxy, bucket_name):
    client = virtual_client(env, proxy, style="path")
    name = bucket_name()

    client.create_bucket(Bucket=name)
    client.put_object(Bucket=name, Key="p.txt", Body=b"path")

    assert s3.get_object(Bucket=name, Key="p.txt")["Body"].read() == b"path"
    assert client.list_objects_v2(Bucket=name)["KeyCount"] == 1
    assert set(client.sent_hosts) == {urlsplit(virtual_endpoint(env)).hostname}


@pytest.mark.stack_only
def test_a_virtual_host_request_is_counted_against_its_bucket(env, s3, proxy, admin, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    admin.reset_counters()

    virtual_client(env, proxy).put_object(Bucket=name, Key="k", Body=b"x")

    assert admin.counters_by_bucket()[name] == {"PutObject": 1}


@pytest.mark.stack_only
def test_the_proxy_tunnels_only_to_localhost_names():
    assert tunnel_target("b.s3.localhost:18441") == ("127.0.0.1", 18441)
    assert tunnel_target("localhost:1") == ("127.0.0.1", 1)
    assert tunnel_target("127.0.0.2:22000") == ("127.0.0.2", 22000)
    assert tunnel_target("example.com:443") is None
    assert tunnel_target("10.0.0.1:443") is None
    assert tunnel_target("s3.localhost.example.com:443") is None
    assert tunnel_target("b.s3.localhost") is None
