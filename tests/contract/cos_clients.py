"""Clients the contract tests talk through: ibm_boto3 (OAuth or HMAC) and requests."""

import ibm_boto3.session
import pytest
import requests
from ibm_botocore.client import Config
from ibm_botocore.exceptions import ClientError

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


def refusal(call):
    """The error response of a call that must be refused (the test fails when it succeeds)."""
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response


def status_of(call):
    """The HTTP status of a call that must be refused (the test fails when it succeeds)."""
    return refusal(call)["ResponseMetadata"]["HTTPStatusCode"]


def error_of(call):
    """(HTTP status, error code) of a call that must be refused."""
    response = refusal(call)
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]


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


class ConfigAnswer:
    """What one Resource Configuration API call answered, read through IBM's own client."""

    def __init__(self, status_code, headers, body):
        self.status_code, self.headers, self.body = status_code, headers, body

    def json(self):
        return self.body


# Fields IBM's Bucket model carries as RFC 3339 timestamps; compared as instants, not as text.
_TIME_FIELDS = ("time_created", "time_updated")


def _as_ibm_bucket(body):
    """Parse a GET body into ibm_cos_sdk_config's Bucket model and insist that nothing is lost:
    every field the stack returns must be one IBM's model knows, with the type it expects."""
    from ibm_cloud_sdk_core.utils import string_to_datetime
    from ibm_cos_sdk_config.resource_configuration_v1 import Bucket

    parsed = Bucket.from_dict(body).to_dict()

    def comparable(document):
        return {name: string_to_datetime(value) if name in _TIME_FIELDS else value
                for name, value in document.items()}

    assert comparable(parsed) == comparable(body), (
        f"the body does not round-trip through IBM's Bucket model: sent {body!r}, "
        f"the model kept {parsed!r}")
    return parsed


class ConfigApi:
    """GET and PATCH /b/{bucket} through IBM's client, ResourceConfigurationV1 of
    ibm-cos-sdk-config. A successful GET body must parse into its Bucket model; a patch given as
    a dict goes through BucketPatch first unless raw=True (for bodies IBM's model cannot say)."""

    def __init__(self, env, token):
        from ibm_cloud_sdk_core.authenticators import BearerTokenAuthenticator
        from ibm_cos_sdk_config.resource_configuration_v1 import ResourceConfigurationV1

        self.service = ResourceConfigurationV1(authenticator=BearerTokenAuthenticator(token))
        self.service.set_service_url(env["IBM_COS_CONFIG_ENDPOINT"].rstrip("/"))
        self.service.set_http_config({"verify": env.get("IBM_COS_CA_BUNDLE") or True, "timeout": 10})

    @staticmethod
    def _answer(call):
        from ibm_cloud_sdk_core import ApiException

        try:
            response = call()
        except ApiException as error:
            raw = error.http_response
            try:
                body = raw.json() if raw is not None and raw.content else None
            except ValueError:
                body = None
            return ConfigAnswer(error.status_code, raw.headers if raw is not None else {}, body)
        return ConfigAnswer(response.get_status_code(), response.get_headers(), response.get_result())

    def get(self, bucket):
        answer = self._answer(lambda: self.service.get_bucket_config(bucket))
        if answer.status_code == 200:
            _as_ibm_bucket(answer.body)
        return answer

    def patch(self, bucket, body, etag=None, raw=False):
        from ibm_cos_sdk_config.resource_configuration_v1 import BucketPatch

        if not raw:
            model = BucketPatch.from_dict(body)
            assert model.to_dict() == body, f"{body!r} is not a BucketPatch IBM's model can express"
            body = model
        return self._answer(lambda: self.service.update_bucket_config(bucket, bucket_patch=body,
                                                                       if_match=etag))
