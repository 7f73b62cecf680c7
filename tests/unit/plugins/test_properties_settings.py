"""Properties of connection settings and endpoint lookups: precedence holds for any mix of sources,
secrets are always known to the masker, and every location of a document resolves."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.ibm.cos.plugins.module_utils import _endpoints
from ansible_collections.ibm.cos.plugins.module_utils._settings import (
    ENV_VARS, SettingsError, normalize_iam_endpoint, resolve_settings)
from settings_fakes import ENDPOINT, opener_for

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
secret = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=8, max_size=24)


@FAST
@given(st.one_of(st.none(), secret), st.one_of(st.none(), secret), st.one_of(st.none(), secret),
       st.sampled_from(ENV_VARS["api_key"]))
def test_api_key_precedence_is_option_then_environment_then_file(option, env_value, file_value, env_name):
    files, env = {}, {}
    if env_value:
        env[env_name] = env_value
    if file_value:
        files["/creds.json"] = json.dumps({"apikey": file_value})
        env["IBM_COS_CREDENTIALS_FILE"] = "/creds.json"
    params = dict(ENDPOINT, api_key=option)
    if not (option or env_value or file_value):
        with pytest.raises(SettingsError, match="no credentials"):
            resolve_settings(params, env, opener_for(files))
        return
    resolved = resolve_settings(params, env, opener_for(files))
    assert resolved.auth_method == "api_key"
    assert resolved.api_key == (option or env_value or file_value)
    assert resolved.sources["api_key"] == ("option" if option else env_name if env_value else "credentials_file")
    assert resolved.api_key in resolved.secrets()


@FAST
@given(secret, secret, secret)
def test_every_secret_given_is_known_to_the_masker(api_key, hmac_id, hmac_secret):
    env = {"IBM_COS_HMAC_ACCESS_KEY_ID": hmac_id, "IBM_COS_HMAC_SECRET_ACCESS_KEY": hmac_secret}
    resolved = resolve_settings(dict(ENDPOINT, api_key=api_key), env)
    assert {api_key, hmac_id, hmac_secret} <= set(resolved.secrets())
    assert resolved.auth_method == "api_key"  # the task option outranks keys from the environment


@FAST
@given(st.sampled_from(["https://", "http://"]), st.text("abcdefghijklmnopqrstuvwxyz.-", min_size=1, max_size=20),
       st.sampled_from(["", "/", "/identity/token", "/identity/token/", "/oidc/token"]))
def test_iam_endpoint_normal_form_is_a_fixed_point(scheme, host, path):
    normal = normalize_iam_endpoint(scheme + host + path)
    assert normalize_iam_endpoint(normal) == normal
    assert normal.startswith(scheme) and not normal.endswith("/") and normal.count("/") >= 3


region_part = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
regions = st.lists(region_part, min_size=1, max_size=3).map("-".join).filter(lambda r: r[0].isalpha())


@FAST
@given(regions)
def test_well_formed_regions_pass_the_shape_check(region):
    assert resolve_settings({"region": region, "api_key": "k" * 10}, {}).region == region


@FAST
@given(regions, st.sampled_from([" ", "_", "A", "/", ".", "--"]))
def test_malformed_regions_are_refused_naming_the_option(region, bad):
    with pytest.raises(SettingsError, match="region .* us-south"):
        resolve_settings({"region": region + bad + "x", "api_key": "k" * 10}, {})


@st.composite
def endpoints_documents(draw):
    document = {"service-endpoints": {}}
    expected = {}
    for tier in _endpoints.TIERS:
        for region in draw(st.lists(regions, unique=True, max_size=3)):
            if region in expected:
                continue
            types = draw(st.sets(st.sampled_from(["public", "private", "direct"]), min_size=1))
            label = draw(st.sampled_from([region, f"{region}-geo", "Dallas"]))
            entry = {t: {label: f"s3.{t}.{region}.example"} for t in types}
            document["service-endpoints"].setdefault(tier, {})[region] = entry
            expected[region] = {t: f"https://s3.{t}.{region}.example" for t in types}
    return document, expected


@FAST
@given(endpoints_documents())
def test_every_location_and_type_of_a_document_resolves(doc_and_expected):
    document, expected = doc_and_expected
    for region, by_type in expected.items():
        for kind in ("public", "private", "direct"):
            if kind in by_type:
                assert _endpoints.s3_endpoint(document, region, kind) == by_type[kind]
            else:
                with pytest.raises(_endpoints.EndpointError, match="endpoint_type can be"):
                    _endpoints.s3_endpoint(document, region, kind)
    with pytest.raises(_endpoints.EndpointError, match="not a COS location"):
        _endpoints.s3_endpoint(document, "zz-nowhere9", "public")
