"""`python -m cos_stack up|down`: fast, idempotent, and a fresh start is an empty store.
One stack for the module (starts cost seconds on a busy machine); the tests run in file order."""

import json
import time

import pytest

from cos_clients import oauth_client
from private_stack import PrivateStack

pytestmark = pytest.mark.stack_only


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    stack = PrivateStack(tmp_path_factory.mktemp("lifecycle") / "stack")
    started = time.monotonic()
    stack.env = stack.up()
    stack.start_seconds = time.monotonic() - started
    yield stack
    stack.down()


def test_start_takes_under_ten_seconds(stack):
    assert stack.start_seconds < 10


def test_env_file_has_every_promised_name(stack):
    assert {
        "IBMCLOUD_API_KEY", "IBM_COS_INSTANCE_CRN", "IBM_COS_HMAC_ACCESS_KEY_ID",
        "IBM_COS_HMAC_SECRET_ACCESS_KEY", "IBM_COS_ENDPOINT", "IBM_COS_REGION", "IBM_COS_ENDPOINTS_URL",
        "IBM_IAM_ENDPOINT", "IBM_COS_CONFIG_ENDPOINT", "IBM_COS_CA_BUNDLE", "IBM_KP_ROOT_KEY_CRN",
        "IBM_HPCS_ROOT_KEY_CRN", "IBM_COS_STACK_ADMIN", "IBM_TRUSTED_PROFILE_ID", "IBM_TRUSTED_PROFILE_NAME",
        "IBM_CR_TOKEN_FILE", "IBM_COS_STACK_CREDENTIALS_FILE", "IBM_COS_STACK_OTHER_API_KEY",
        "IBM_COS_STACK_WRITER_API_KEY",
    } <= set(stack.env)
    assert stack.env["IBM_COS_REGION"] == "us-south"
    assert stack.env["IBM_COS_STACK_ADMIN"] == f"https://127.0.0.1:{stack.port_base}/_stack"
    assert (stack.directory / "env").stat().st_mode & 0o077 == 0, "the env file holds secrets"


def test_credentials_file_has_the_console_shape(stack):
    with open(stack.env["IBM_COS_STACK_CREDENTIALS_FILE"], encoding="utf-8") as handle:
        credentials = json.load(handle)

    assert set(credentials) == {"apikey", "endpoints", "iam_apikey_description", "iam_apikey_name",
                                "iam_role_crn", "iam_serviceid_crn", "resource_instance_id", "cos_hmac_keys"}
    assert credentials["apikey"] == stack.env["IBMCLOUD_API_KEY"]
    assert credentials["resource_instance_id"] == stack.env["IBM_COS_INSTANCE_CRN"]
    assert credentials["cos_hmac_keys"]["access_key_id"] == stack.env["IBM_COS_HMAC_ACCESS_KEY_ID"]


def test_up_when_running_changes_nothing(stack):
    oauth_client(stack.env).create_bucket(Bucket="survives-a-second-up")
    pid = (stack.directory / "stack.pid").read_text()

    again = stack.run("up")

    assert again.returncode == 0 and "already running" in again.stdout
    assert (stack.directory / "stack.pid").read_text() == pid
    assert [b["Name"] for b in oauth_client(stack.env).list_buckets()["Buckets"]] == ["survives-a-second-up"]


def test_a_restart_starts_with_an_empty_store(stack):
    stack.down()

    stack.env = stack.up()

    assert oauth_client(stack.env).list_buckets()["Buckets"] == []


def test_down_is_idempotent_and_removes_the_env_file(stack):
    assert stack.down().returncode == 0
    assert not (stack.directory / "env").exists()
    assert stack.down().returncode == 0
