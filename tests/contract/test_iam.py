"""IAM's token endpoint: the grant types the collection uses and the errors it must recognise."""

import time

import pytest
import requests
from ibm_botocore.exceptions import ClientError, CredentialRetrievalError

from cos_clients import GRANT_APIKEY, oauth_client, token_client

GRANT_CR_TOKEN = "urn:ibm:params:oauth:grant-type:cr-token"


def post_token(env, **form):
    return requests.post(
        env["IBM_IAM_ENDPOINT"],
        data={"response_type": "cloud_iam", **form},
        headers={"Accept": "application/json"},
        auth=("bx", "bx"),
        verify=env.get("IBM_COS_CA_BUNDLE") or True,
        timeout=10,
    )


@pytest.mark.ledger("IAM-01")
def test_api_key_exchange_returns_what_the_sdk_reads(env):
    response = post_token(env, grant_type=GRANT_APIKEY, apikey=env["IBMCLOUD_API_KEY"])

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["access_token"].count(".") == 2
    assert body["expires_in"] > 0
    assert body["expiration"] > time.time()
    assert body["refresh_token"]


@pytest.mark.ledger("IAM-02")
def test_unknown_api_key_is_bxnim0415e(env):
    response = post_token(env, grant_type=GRANT_APIKEY, apikey="not-a-key-anyone-issued")

    assert response.status_code == 400
    assert response.json()["errorCode"] == "BXNIM0415E"
    assert response.json()["errorMessage"] == "Provided API key could not be found."


@pytest.mark.ledger("IAM-02")
def test_sdk_reports_unknown_api_key_with_the_iam_code(env):
    client = oauth_client(env, api_key="not-a-key-anyone-issued")

    with pytest.raises(CredentialRetrievalError, match="BXNIM0415E"):
        client.list_buckets()


@pytest.mark.ledger("IAM-03")
def test_refresh_token_gives_a_new_working_access_token(env, s3):
    first = post_token(env, grant_type=GRANT_APIKEY, apikey=env["IBMCLOUD_API_KEY"]).json()

    refreshed = post_token(env, grant_type="refresh_token", refresh_token=first["refresh_token"])

    assert refreshed.status_code == 200
    assert refreshed.json()["access_token"] != first["access_token"]


@pytest.mark.ledger("IAM-03")
def test_invalid_refresh_token_is_refused(env):
    response = post_token(env, grant_type="refresh_token", refresh_token="never-issued")

    assert response.status_code == 400
    assert response.json()["errorCode"].startswith("BXNIM")


@pytest.mark.ledger("IAM-04")
@pytest.mark.stack_only
@pytest.mark.parametrize("profile_field", ["profile_id", "profile_name"])
def test_compute_resource_token_for_a_trusted_profile(env, profile_field):
    with open(env["IBM_CR_TOKEN_FILE"], encoding="utf-8") as handle:
        cr_token = handle.read().strip()
    profile = env["IBM_TRUSTED_PROFILE_ID" if profile_field == "profile_id" else "IBM_TRUSTED_PROFILE_NAME"]

    response = post_token(env, grant_type=GRANT_CR_TOKEN, cr_token=cr_token, **{profile_field: profile})

    assert response.status_code == 200
    assert response.json()["access_token"]


@pytest.mark.ledger("IAM-04")
@pytest.mark.stack_only
def test_compute_resource_token_for_an_unknown_profile_is_refused(env):
    with open(env["IBM_CR_TOKEN_FILE"], encoding="utf-8") as handle:
        cr_token = handle.read().strip()

    response = post_token(env, grant_type=GRANT_CR_TOKEN, cr_token=cr_token, profile_name="nobody")

    assert response.status_code == 400


@pytest.mark.ledger("IAM-04")
@pytest.mark.stack_only
def test_a_forged_compute_resource_token_is_refused(env):
    response = post_token(env, grant_type=GRANT_CR_TOKEN, cr_token="forged",
                          profile_id=env["IBM_TRUSTED_PROFILE_ID"])

    assert response.status_code == 400


@pytest.mark.ledger("IAM-05", "AUTH-01")
@pytest.mark.stack_only
def test_an_expired_token_is_refused_and_the_sdk_fetches_a_new_one(private_env, private_admin):
    private_admin.configure(token_lifetime=1)
    token = post_token(private_env, grant_type=GRANT_APIKEY,
                       apikey=private_env["IBMCLOUD_API_KEY"]).json()["access_token"]
    client = oauth_client(private_env)
    client.list_buckets()
    time.sleep(1.1)

    with pytest.raises(ClientError) as denied:
        token_client(private_env, token).list_buckets()
    client.list_buckets()

    assert denied.value.response["Error"]["Code"] == "AccessDenied"
    assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert private_admin.counters()["iam_token"] >= 3  # ours, the SDK's first, the SDK's renewal
    assert private_admin.counters()["ListBuckets"] == 3


@pytest.mark.ledger("IAM-06")
@pytest.mark.stack_only
def test_iam_outage_answers_503(private_env, private_admin):
    private_admin.configure(iam_available=False)

    response = post_token(private_env, grant_type=GRANT_APIKEY, apikey=private_env["IBMCLOUD_API_KEY"])

    assert response.status_code == 503
    assert private_admin.counters()["iam_token"] == 1
