"""Who may call S3: bearer tokens from IAM, known HMAC keys with valid signatures, and only for
the service instances they belong to."""

import pytest
import requests

from cos_clients import error_of, hmac_client, iam_token, oauth_client, token_client


@pytest.mark.ledger("AUTH-01")
def test_no_credentials_at_all_is_access_denied(env):
    response = requests.get(env["IBM_COS_ENDPOINT"] + "/", verify=env.get("IBM_COS_CA_BUNDLE") or True,
                            timeout=10)

    assert response.status_code == 403
    assert b"<Code>AccessDenied</Code>" in response.content


@pytest.mark.ledger("AUTH-01")
def test_unknown_bearer_token_is_access_denied(env):
    client = token_client(env, "eyJhbGciOiJSUzI1NiJ9.eyJub3QiOiJpc3N1ZWQifQ.c2ln")

    assert error_of(client.list_buckets) == (403, "AccessDenied")


@pytest.mark.ledger("AUTH-04")
@pytest.mark.stack_only  # what real COS answers here is not documented
def test_list_buckets_with_oauth_needs_the_instance_header(env):
    token = iam_token(env)
    response = requests.get(env["IBM_COS_ENDPOINT"] + "/", headers={"Authorization": f"Bearer {token}"},
                            verify=env.get("IBM_COS_CA_BUNDLE") or True, timeout=10)

    assert response.status_code in (400, 403)


@pytest.mark.ledger("AUTH-04")
def test_create_bucket_with_oauth_needs_the_instance_header(env, bucket_name):
    token = iam_token(env)
    response = requests.put(f"{env['IBM_COS_ENDPOINT']}/{bucket_name()}",
                            headers={"Authorization": f"Bearer {token}"},
                            verify=env.get("IBM_COS_CA_BUNDLE") or True, timeout=10)

    assert response.status_code in (400, 403)


@pytest.mark.ledger("AUTH-05")
@pytest.mark.stack_only
def test_an_api_key_without_access_to_the_instance_is_denied(env):
    stranger = oauth_client(env, api_key=env["IBM_COS_STACK_OTHER_API_KEY"])

    assert error_of(stranger.list_buckets) == (403, "AccessDenied")


@pytest.mark.ledger("AUTH-05")
@pytest.mark.stack_only
def test_an_api_key_without_access_cannot_touch_the_instance_buckets(env, s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    stranger = oauth_client(env, api_key=env["IBM_COS_STACK_OTHER_API_KEY"])

    assert error_of(lambda: stranger.head_bucket(Bucket=name)) == (403, "403")


@pytest.mark.ledger("AUTH-02", "AUTH-06")
def test_hmac_key_lists_and_writes(hmac_env, s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    hmac = hmac_client(hmac_env)

    hmac.put_object(Bucket=name, Key="dir with space/ünï+code.txt", Body=b"signed")

    assert name in [b["Name"] for b in hmac.list_buckets()["Buckets"]]
    assert hmac.get_object(Bucket=name, Key="dir with space/ünï+code.txt")["Body"].read() == b"signed"


@pytest.mark.ledger("AUTH-02")
def test_unknown_hmac_access_key_is_refused(env):
    client = hmac_client(env, access_key_id="0000000000000000000000000000dead", secret="x" * 48)

    assert error_of(client.list_buckets)[0] == 403


@pytest.mark.ledger("AUTH-02")
def test_wrong_hmac_secret_is_refused(hmac_env):
    client = hmac_client(hmac_env, secret="0" * 48)

    assert error_of(client.list_buckets)[0] == 403
