"""Connection settings: precedence, auth method selection, and errors before any call."""
import io
import json

import pytest

from ansible_collections.ibm.cos.plugins.module_utils._settings import (
    DEFAULT_IAM_ENDPOINT,
    SettingsError,
    normalise_iam_endpoint,
    resolve_settings,
)

ENDPOINT = {"endpoint": "https://s3.example"}


def opener_for(files):
    def opener(path, encoding=None):
        if path not in files:
            raise FileNotFoundError(2, "No such file or directory")
        return io.StringIO(files[path])
    return opener


def test_option_beats_environment_beats_file():
    creds = json.dumps({"apikey": "file-key", "resource_instance_id": "file-crn"})
    env = {"IBMCLOUD_API_KEY": "env-key", "IBM_COS_CREDENTIALS_FILE": "/c.json"}
    s = resolve_settings(dict(ENDPOINT, api_key="opt-key"), env, opener_for({"/c.json": creds}))
    assert s.api_key == "opt-key" and s.sources["api_key"] == "option"
    s = resolve_settings(dict(ENDPOINT), env, opener_for({"/c.json": creds}))
    assert s.api_key == "env-key" and s.sources["api_key"] == "IBMCLOUD_API_KEY"
    assert s.service_instance_id == "file-crn" and s.sources["service_instance_id"] == "credentials_file"


def test_first_env_var_in_the_list_wins():
    s = resolve_settings(ENDPOINT, {"IC_API_KEY": "ic", "IBM_API_KEY_ID": "sdk"})
    assert s.api_key == "ic"


def test_option_level_auth_beats_environment_auth():
    env = {"IBMCLOUD_API_KEY": "env-key"}
    s = resolve_settings(dict(ENDPOINT, hmac_access_key_id="a", hmac_secret_access_key="b"), env)
    assert s.auth_method == "hmac" and not s.uses_iam


def test_environment_with_key_and_hmac_prefers_iam_and_keeps_hmac_for_presigning():
    env = {"IBMCLOUD_API_KEY": "k", "IBM_COS_HMAC_ACCESS_KEY_ID": "a", "IBM_COS_HMAC_SECRET_ACCESS_KEY": "b"}
    s = resolve_settings(ENDPOINT, env)
    assert s.auth_method == "api_key" and s.hmac_access_key_id == "a"


def test_iam_token_with_api_key_uses_the_token():
    s = resolve_settings(dict(ENDPOINT, api_key="k", iam_token="t"), {})
    assert s.auth_method == "iam_token" and s.api_key == "k"


@pytest.mark.parametrize("params, words", [
    ({"api_key": "k", "hmac_access_key_id": "a", "hmac_secret_access_key": "b"}, ["conflicting", "api_key", "hmac_access_key_id"]),
    ({"hmac_access_key_id": "a"}, ["hmac_access_key_id", "hmac_secret_access_key", "together"]),
    ({"trusted_profile_id": "p", "trusted_profile_name": "n", "cr_token_file": "/t"}, ["mutually exclusive"]),
    ({"trusted_profile_id": "p"}, ["cr_token_file"]),
    ({"cr_token_file": "/t"}, ["trusted_profile_id", "trusted_profile_name"]),
    ({}, ["no credentials", "api_key"]),
    ({"api_key": "k", "endpoint_type": "dark"}, ["endpoint_type", "public, private, direct"]),
    ({"api_key": "k", "endpoint": "s3.example"}, ["endpoint", "http(s) URL"]),
    ({"api_key": "k", "validate_certs": "maybe"}, ["validate_certs", "boolean"]),
    ({"api_key": "k", "timeout": 0}, ["timeout", "at least 1"]),
])
def test_bad_combinations_fail_naming_the_options(params, words):
    params = dict(params)
    params.setdefault("endpoint", "https://s3.example")
    with pytest.raises(SettingsError) as err:
        resolve_settings(params, {})
    for word in words:
        assert word in str(err.value)


def test_no_endpoint_and_no_region_fails():
    with pytest.raises(SettingsError, match="endpoint.*region"):
        resolve_settings({"api_key": "k"}, {})


@pytest.mark.parametrize("content, words", [
    ("not json", ["not valid JSON"]),
    ("[]", ["JSON object"]),
    ('{"resource_instance_id": "x"}', ["neither 'apikey' nor 'cos_hmac_keys'"]),
    ('{"cos_hmac_keys": {"access_key_id": "a"}}', ["cos_hmac_keys", "secret_access_key"]),
])
def test_malformed_credentials_file(content, words):
    with pytest.raises(SettingsError) as err:
        resolve_settings(dict(ENDPOINT, credentials_file="/c.json"), {}, opener_for({"/c.json": content}))
    for word in words:
        assert word in str(err.value)


def test_missing_credentials_file_names_it():
    with pytest.raises(SettingsError, match="credentials_file '/nope.json' cannot be read"):
        resolve_settings(dict(ENDPOINT, credentials_file="/nope.json"), {}, opener_for({}))


def test_file_with_hmac_only_uses_hmac():
    creds = json.dumps({"cos_hmac_keys": {"access_key_id": "a", "secret_access_key": "b"}})
    s = resolve_settings(dict(ENDPOINT, credentials_file="/c"), {}, opener_for({"/c": creds}))
    assert s.auth_method == "hmac" and s.secrets() == ["a", "b"]


def test_defaults_and_verify():
    s = resolve_settings(dict(ENDPOINT, api_key="k"), {})
    assert s.endpoint_type == "public" and s.iam_endpoint == DEFAULT_IAM_ENDPOINT
    assert s.verify is True and s.timeout == 60 and s.retries == 5
    s = resolve_settings(dict(ENDPOINT, api_key="k"), {"IBM_COS_CA_BUNDLE": "/ca.pem"})
    assert s.verify == "/ca.pem"
    s = resolve_settings(dict(ENDPOINT, api_key="k", validate_certs=False, ca_bundle="/ca.pem"), {})
    assert s.verify is False


@pytest.mark.parametrize("given, expected", [
    ("https://iam.cloud.ibm.com", "https://iam.cloud.ibm.com/identity/token"),
    ("https://private.iam.cloud.ibm.com/", "https://private.iam.cloud.ibm.com/identity/token"),
    ("https://127.0.0.1:1/identity/token", "https://127.0.0.1:1/identity/token"),
])
def test_iam_endpoint_accepts_base_or_token_url(given, expected):
    assert normalise_iam_endpoint(given) == expected
