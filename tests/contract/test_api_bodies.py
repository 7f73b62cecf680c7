"""A request body that is not a JSON object is refused with 400 by each of the stack's IBM JSON APIs
(Resource Configuration, backup, Resource Controller), in that API's own error shape, and changes
nothing. Stack only: IBM does not document these error bodies, the stack's shapes are its own."""

import pytest
import requests

from cos_clients import iam_token

pytestmark = pytest.mark.stack_only

BAD_BODIES = {"not JSON": (b"{not json", "The body is not valid JSON."),
              "an array": (b"[]", "The body must be a JSON object."),
              "empty": (b"", "The body must be a JSON object.")}


@pytest.fixture(scope="module")
def bearer(env):
    return {"Authorization": f"Bearer {iam_token(env)}"}


def send(env, method, url, body, headers, **kwargs):
    return requests.request(method, url, data=body, headers=headers, timeout=10,
                            verify=env.get("IBM_COS_CA_BUNDLE") or True, **kwargs)


@pytest.mark.parametrize("kind", BAD_BODIES)
def test_the_configuration_api_refuses_it_in_its_error_shape(env, bearer, config_api, bucket, kind):
    body, message = BAD_BODIES[kind]
    before = config_api.get(bucket).body
    answer = send(env, "PATCH", env["IBM_COS_CONFIG_ENDPOINT"].rstrip("/") + f"/b/{bucket}", body,
                  dict(bearer, **{"Content-Type": "application/merge-patch+json"}))

    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"code": "InvalidRequest", "message": message}]
    assert config_api.get(bucket).body == before


@pytest.mark.parametrize("kind", BAD_BODIES)
def test_the_backup_api_refuses_it_in_its_error_shape(env, bearer, kind):
    body, message = BAD_BODIES[kind]
    vaults = env["IBM_COS_CONFIG_ENDPOINT"].rstrip("/") + "/backup_vaults"
    params = {"service_instance_id": env["IBM_COS_INSTANCE_CRN"]}
    listed = send(env, "GET", vaults, None, bearer, params=params).json()
    answer = send(env, "POST", vaults, body, dict(bearer, **{"Content-Type": "application/json"}), params=params)

    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"code": "InvalidRequest", "message": message}]
    assert send(env, "GET", vaults, None, bearer, params=params).json() == listed


@pytest.mark.parametrize("kind", BAD_BODIES)
def test_the_resource_controller_refuses_it_in_its_error_shape(env, bearer, kind):
    body, message = BAD_BODIES[kind]
    instances = env["IBM_RESOURCE_CONTROLLER_ENDPOINT"].rstrip("/") + "/v2/resource_instances"
    listed = send(env, "GET", instances, None, bearer).json()["resources"]
    answer = send(env, "POST", instances, body, dict(bearer, **{"Content-Type": "application/json"}))

    assert answer.status_code == 400
    assert message in answer.text
    assert send(env, "GET", instances, None, bearer).json()["resources"] == listed
