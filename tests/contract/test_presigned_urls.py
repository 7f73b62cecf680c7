"""Presigned URLs (SigV4 query auth, HMAC keys): usable with plain HTTP, and only as signed."""

import pytest
import requests

from cos_clients import hmac_client

pytestmark = pytest.mark.ledger("AUTH-03")


@pytest.fixture
def signer(hmac_env, s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="shared/report 1.txt", Body=b"for your eyes")
    return hmac_client(hmac_env), name


def fetch(env, method, url, **kwargs):
    return requests.request(method, url, verify=env.get("IBM_COS_CA_BUNDLE") or True, timeout=10, **kwargs)


def test_presigned_get_downloads_the_object(env, signer):
    client, name = signer
    url = client.generate_presigned_url("get_object", Params={"Bucket": name, "Key": "shared/report 1.txt"},
                                        ExpiresIn=60)

    response = fetch(env, "GET", url)

    assert response.status_code == 200
    assert response.content == b"for your eyes"


def test_presigned_put_uploads(env, s3, signer):
    client, name = signer
    url = client.generate_presigned_url("put_object", Params={"Bucket": name, "Key": "incoming"}, ExpiresIn=60)

    assert fetch(env, "PUT", url, data=b"dropped off").status_code == 200
    assert s3.get_object(Bucket=name, Key="incoming")["Body"].read() == b"dropped off"


def test_a_tampered_url_is_refused(env, signer):
    client, name = signer
    url = client.generate_presigned_url("get_object", Params={"Bucket": name, "Key": "shared/report 1.txt"},
                                        ExpiresIn=60)

    assert fetch(env, "GET", url.replace("report%201.txt", "report%202.txt")).status_code == 403


def test_an_expired_url_is_refused(env, signer):
    client, name = signer
    url = client.generate_presigned_url("get_object", Params={"Bucket": name, "Key": "shared/report 1.txt"},
                                        ExpiresIn=0)

    assert fetch(env, "GET", url).status_code == 403
