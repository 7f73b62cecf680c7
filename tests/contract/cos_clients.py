"""Clients the contract tests talk through: ibm_boto3 (OAuth or HMAC) and requests."""

import json

import ibm_boto3.session
import requests
from ibm_botocore.client import Config

GRANT_APIKEY = "urn:ibm:params:oauth:grant-type:apikey"


def _new_session_client(**kwargs):
    # ibm_botocore keeps ibm_service_instance_id on the session, and the last client made from it
    # wins: an HMAC client made later would strip the instance header from an OAuth client's calls.
    return ibm_boto3.session.Session().client("s3", **kwargs)


def https(hostname):
    """Endpoints document values are bare hostnames."""
    return hostname if hostname.startswith("https://") else f"https://{hostname}"


def oauth_client(env, endpoint_url=None, api_key=None, **kwargs):
    kwargs.setdefault("retries", {"total_max_attempts": 1})
    return _new_session_client(
        ibm_api_key_id=api_key or env["IBMCLOUD_API_KEY"],
        ibm_service_instance_id=env["IBM_COS_INSTANCE_CRN"],
        ibm_auth_endpoint=env["IBM_IAM_ENDPOINT"],
        config=Config(signature_version="oauth", retries=kwargs.pop("retries")),
        endpoint_url=endpoint_url or env["IBM_COS_ENDPOINT"],
        verify=env.get("IBM_COS_CA_BUNDLE") or True,
        **kwargs,
    )


def token_client(env, token, endpoint_url=None, instance=None):
    """An OAuth client that sends a token it is given (never refreshed), for auth edge cases."""
    return _new_session_client(
        auth_function=lambda: {"access_token": token, "token_type": "Bearer", "expires_in": 3600},
        ibm_service_instance_id=instance or env["IBM_COS_INSTANCE_CRN"],
        config=Config(signature_version="oauth", retries={"total_max_attempts": 1}),
        endpoint_url=endpoint_url or env["IBM_COS_ENDPOINT"],
        verify=env.get("IBM_COS_CA_BUNDLE") or True,
    )


def hmac_client(env, access_key_id=None, secret=None, endpoint_url=None):
    return _new_session_client(
        aws_access_key_id=access_key_id or env["IBM_COS_HMAC_ACCESS_KEY_ID"],
        aws_secret_access_key=secret or env["IBM_COS_HMAC_SECRET_ACCESS_KEY"],
        endpoint_url=endpoint_url or env["IBM_COS_ENDPOINT"],
        region_name="us-standard",
        config=Config(retries={"total_max_attempts": 1}),
        verify=env.get("IBM_COS_CA_BUNDLE") or True,
    )


def iam_token(env, api_key=None):
    response = requests.post(
        env["IBM_IAM_ENDPOINT"],
        data={"grant_type": GRANT_APIKEY, "apikey": api_key or env["IBMCLOUD_API_KEY"],
              "response_type": "cloud_iam"},
        headers={"Accept": "application/json"},
        auth=("bx", "bx"),
        verify=env.get("IBM_COS_CA_BUNDLE") or True,
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["access_token"]


class ConfigApi:
    """GET and PATCH /b/{bucket} of the Resource Configuration API."""

    def __init__(self, env, token):
        self.base = env["IBM_COS_CONFIG_ENDPOINT"].rstrip("/")
        # verify per request: requests lets REQUESTS_CA_BUNDLE override a Session's verify.
        self.verify = env.get("IBM_COS_CA_BUNDLE") or True
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def get(self, bucket):
        return self.session.get(f"{self.base}/b/{bucket}", verify=self.verify, timeout=10)

    def patch(self, bucket, body, etag=None, content_type="application/merge-patch+json"):
        headers = {"Content-Type": content_type}
        if etag:
            headers["If-Match"] = etag
        return self.session.patch(f"{self.base}/b/{bucket}", data=json.dumps(body),
                                  headers=headers, verify=self.verify, timeout=10)
