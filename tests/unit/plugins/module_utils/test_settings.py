"""Connection settings: precedence, auth method selection, and errors before any call."""
import json

from dataclasses import fields

import pytest

from ansible_collections.ibm.cos.plugins.module_utils._settings import (
    CONNECTION_ARGUMENT_SPEC,
    DEFAULT_IAM_ENDPOINT,
    Settings,
    SettingsError,
    normalize_iam_endpoint,
    resolve_settings,
)
from settings_fakes import ENDPOINT, opener_for


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
    ca = {"/ca.pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"}
    s = resolve_settings(dict(ENDPOINT, api_key="k"), {"IBM_COS_CA_BUNDLE": "/ca.pem"}, opener_for(ca))
    assert s.verify == "/ca.pem"
    s = resolve_settings(dict(ENDPOINT, api_key="k", validate_certs=False, ca_bundle="/ca.pem"), {})
    assert s.verify is False


@pytest.mark.parametrize("given, expected", [
    ("https://iam.cloud.ibm.com", "https://iam.cloud.ibm.com/identity/token"),
    ("https://private.iam.cloud.ibm.com/", "https://private.iam.cloud.ibm.com/identity/token"),
    ("https://127.0.0.1:1/identity/token", "https://127.0.0.1:1/identity/token"),
])
def test_iam_endpoint_accepts_base_or_token_url(given, expected):
    assert normalize_iam_endpoint(given) == expected


def test_settings_are_typed_fields_with_the_defaults_stated_once():
    s = resolve_settings(dict(ENDPOINT, api_key="SeCrEt-KeY", timeout="30", validate_certs="no"), {})
    assert isinstance(s, Settings) and s.timeout == 30 and s.validate_certs is False
    assert {f.name for f in fields(Settings)} >= set(CONNECTION_ARGUMENT_SPEC)
    for name, spec in CONNECTION_ARGUMENT_SPEC.items():
        if "default" in spec:
            assert spec["default"] == getattr(Settings, name), name
    with pytest.raises(AttributeError):
        s.not_an_option  # pylint: disable=pointless-statement
    assert "SeCrEt-KeY" not in repr(s)  # credentials stay out of the repr


# A task-level choice of how to reach COS wins as a whole over the environment.
@pytest.mark.parametrize("task, env, expected", [
    ({"region": "us"}, {"IBM_COS_ENDPOINT": "https://s3.us-south.example"}, (None, "us", "public")),
    ({"region": "us", "endpoint_type": "private"}, {"IBM_COS_ENDPOINT": "https://e"}, (None, "us", "private")),
    ({"endpoint_type": "direct"}, {"IBM_COS_ENDPOINT": "https://e", "IBM_COS_REGION": "eu-de"},
     (None, "eu-de", "direct")),
    ({"endpoint": "https://task"}, {"IBM_COS_REGION": "eu-de", "IBM_COS_ENDPOINT_TYPE": "private"},
     ("https://task", None, "public")),
    ({}, {"IBM_COS_ENDPOINT": "https://e", "IBM_COS_REGION": "eu-de"}, ("https://e", "eu-de", "public")),
])
def test_task_choice_of_endpoint_or_region_beats_the_environment(task, env, expected):
    s = resolve_settings(dict(task, api_key="k"), env)
    assert (s.endpoint, s.region, s.endpoint_type) == expected


def test_task_endpoint_type_also_ignores_the_environment_config_endpoint():
    s = resolve_settings({"api_key": "k", "region": "us", "endpoint_type": "private"},
                         {"IBM_COS_CONFIG_ENDPOINT": "https://config.public"})
    assert s.config_endpoint is None


@pytest.mark.parametrize("task, method", [
    ({"api_key": "task-key"}, "api_key"),
    ({"credentials_file": "/c.json"}, "api_key"),
    ({"trusted_profile_id": "p", "cr_token_file": "/t"}, "trusted_profile"),
])
def test_task_credentials_are_never_joined_by_environment_credentials(task, method):
    env = {"IBMCLOUD_API_KEY": "env-key", "IBM_COS_HMAC_ACCESS_KEY_ID": "env-id",
           "IBM_COS_HMAC_SECRET_ACCESS_KEY": "env-secret"}
    creds = json.dumps({"apikey": "file-key", "resource_instance_id": "crn-file"})
    s = resolve_settings(dict(ENDPOINT, **task), env, opener_for({"/c.json": creds}))
    assert s.auth_method == method
    assert "env-key" != s.api_key and s.hmac_access_key_id is None and s.hmac_secret_access_key is None
    assert {"env-key", "env-id", "env-secret"} <= set(s.secrets())  # unused, still masked


def test_task_credentials_file_beats_environment_api_key():
    creds = json.dumps({"apikey": "file-key"})
    s = resolve_settings(dict(ENDPOINT, credentials_file="/c.json"), {"IBMCLOUD_API_KEY": "env-key"},
                         opener_for({"/c.json": creds}))
    assert s.api_key == "file-key" and s.sources["api_key"] == "credentials_file"


@pytest.mark.parametrize("option, env_var", [
    ("endpoint", "IBM_COS_ENDPOINT"), ("iam_endpoint", "IBM_IAM_ENDPOINT"),
    ("config_endpoint", "IBM_COS_CONFIG_ENDPOINT"),
])
def test_cleartext_endpoints_carrying_credentials_are_refused(option, env_var):
    url = "http://cos.example/identity/token"
    for params, env in ((dict(ENDPOINT, api_key="k", **{option: url}), {}),
                        (dict(ENDPOINT, api_key="k"), {env_var: url})):
        if option == "endpoint" and env:
            params.pop("endpoint")
        with pytest.raises(SettingsError) as err:
            resolve_settings(params, env)
        assert option in str(err.value) and "cleartext" in str(err.value)
        assert "allow_insecure_http" in str(err.value)
    allowed = resolve_settings(dict(ENDPOINT, api_key="k", allow_insecure_http=True, **{option: url}), {})
    assert getattr(allowed, option) == url
    by_env = resolve_settings(dict(ENDPOINT, api_key="k", **{option: url}), {"IBM_COS_ALLOW_INSECURE_HTTP": "true"})
    assert by_env.allow_insecure_http is True


@pytest.mark.parametrize("content, words", [
    ('{"apikey": "k", "resource_instance_id": 2}', ["'resource_instance_id'", "string", "int"]),
    ('{"apikey": 12345}', ["'apikey'", "string", "int"]),
    ('{"cos_hmac_keys": {"access_key_id": "a", "secret_access_key": 7}}',
     ["cos_hmac_keys.'secret_access_key'", "string"]),
    ('{"apikey": "k", "endpoints": ["x"]}', ["'endpoints'", "string", "list"]),
    ('{"cos_hmac_keys": "a:b"}', ["'cos_hmac_keys'", "object"]),
])
def test_credentials_file_fields_of_the_wrong_type_are_named(content, words):
    with pytest.raises(SettingsError) as err:
        resolve_settings(dict(ENDPOINT, credentials_file="/c.json"), {}, opener_for({"/c.json": content}))
    for word in words:
        assert word in str(err.value)


def test_ca_bundle_problems_name_ca_bundle(tmp_path):
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    good = tmp_path / "ca.pem"
    good.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    for path, words in ((tmp_path / "missing.pem", ["cannot be read"]), (tmp_path, ["directory"]),
                        (junk, ["no PEM certificate"])):
        with pytest.raises(SettingsError) as err:
            resolve_settings(dict(ENDPOINT, api_key="k", ca_bundle=str(path)), {})
        assert f"ca_bundle {str(path)!r}" in str(err.value)
        for word in words:
            assert word in str(err.value)
    assert resolve_settings(dict(ENDPOINT, api_key="k", ca_bundle=str(good)), {}).verify == str(good)
    # Not verifying, the bundle is not used, so it is not checked.
    assert resolve_settings(dict(ENDPOINT, api_key="k", ca_bundle=str(junk), validate_certs=False), {}).verify is False


def test_task_credentials_file_values_rank_above_the_environment():
    creds = json.dumps({"apikey": "file-key", "resource_instance_id": "crn-file"})
    env = {"IBM_COS_INSTANCE_CRN": "crn-env"}
    s = resolve_settings(dict(ENDPOINT, credentials_file="/c.json"), env, opener_for({"/c.json": creds}))
    assert s.service_instance_id == "crn-file"
    s = resolve_settings(ENDPOINT, dict(env, IBM_COS_CREDENTIALS_FILE="/c.json"), opener_for({"/c.json": creds}))
    assert s.service_instance_id == "crn-env" and s.api_key == "file-key"


def test_modules_of_the_platform_apis_need_no_s3_endpoint():
    settings = resolve_settings({"api_key": "k"}, {}, needs_s3_endpoint=False)
    assert settings.endpoint is None and settings.region is None
    with pytest.raises(SettingsError, match="region"):
        resolve_settings({"api_key": "k", "region": "not a region!"}, {}, needs_s3_endpoint=False)


@pytest.mark.parametrize("endpoint", ["https://", "https:///path", "s3.example.test"])
def test_an_endpoint_without_a_host_is_refused_naming_the_option(endpoint):
    with pytest.raises(SettingsError, match="endpoint must be an http\\(s\\) URL with a host name"):
        resolve_settings({"endpoint": endpoint, "hmac_access_key_id": "a", "hmac_secret_access_key": "b"}, {})


def test_addressing_style_is_path_unless_asked():
    assert resolve_settings(dict(ENDPOINT, api_key="k"), {}).addressing_style == "path"
    assert resolve_settings(dict(ENDPOINT, api_key="k", addressing_style="virtual"), {}).addressing_style == "virtual"
    by_env = resolve_settings(dict(ENDPOINT, api_key="k"), {"IBM_COS_ADDRESSING_STYLE": "virtual"})
    assert by_env.addressing_style == "virtual" and by_env.sources["addressing_style"] == "IBM_COS_ADDRESSING_STYLE"
    assert CONNECTION_ARGUMENT_SPEC["addressing_style"]["choices"] == ["path", "virtual"]


def test_an_unknown_addressing_style_from_the_environment_is_named():
    with pytest.raises(SettingsError, match=r"addressing_style must be one of path, virtual, got 'auto'"):
        resolve_settings(dict(ENDPOINT, api_key="k"), {"IBM_COS_ADDRESSING_STYLE": "auto"})


@pytest.mark.parametrize("endpoint", ["https://127.0.0.1:18441", "https://[::1]:443"])
def test_virtual_addressing_needs_an_endpoint_host_name(endpoint):
    with pytest.raises(SettingsError, match="addressing_style virtual needs an endpoint with a host name"):
        resolve_settings({"endpoint": endpoint, "api_key": "k", "addressing_style": "virtual"}, {})
    # Path style reaches an IP endpoint; a region's endpoint comes from the endpoints document.
    assert resolve_settings({"endpoint": endpoint, "api_key": "k"}, {}).addressing_style == "path"
    assert resolve_settings({"region": "us-south", "api_key": "k", "addressing_style": "virtual"}, {})


@pytest.mark.parametrize("style", ["path", "virtual"])
def test_the_s3_client_uses_the_addressing_style(style):
    from ansible_collections.ibm.cos.plugins.module_utils._client import build_s3_client

    settings = resolve_settings({"endpoint": "https://s3.us-south.cloud-object-storage.appdomain.cloud",
                                 "hmac_access_key_id": "a", "hmac_secret_access_key": "b",
                                 "addressing_style": style}, {})
    client = build_s3_client(settings, None)
    assert client.meta.config.s3 == {"addressing_style": style}
    url = client.generate_presigned_url("get_object", Params={"Bucket": "photos", "Key": "a.jpg"})
    expected = {"path": "https://s3.us-south.cloud-object-storage.appdomain.cloud/photos/a.jpg",
                "virtual": "https://photos.s3.us-south.cloud-object-storage.appdomain.cloud/a.jpg"}[style]
    assert url.split("?", 1)[0] == expected
