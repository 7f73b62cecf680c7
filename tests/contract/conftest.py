"""Contract tests: what the local stack (or real IBM COS with IBM_COS_REAL=1) answers over HTTPS.

Against the stack the suite uses the one whose env file is at $COS_STACK_DIR/env (`make stack-up`),
or starts its own when there is none. Tests that change the stack for everyone (faults, token
lifetime, IAM outage, reset) always get a private stack of their own."""

import os
import secrets
import sys
from pathlib import Path

import pytest
import requests

# `python -m pytest tests/contract` without the Makefile's PYTHONPATH=tests still finds cos_stack;
# bucket teardown is the integration harness's.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.append(str(Path(__file__).resolve().parents[1] / "integration"))

from cos_clients import ConfigApi, https, iam_token, oauth_client  # noqa: E402
from cos_stack.admin import StackAdmin  # noqa: E402
from cos_stack.envfile import load  # noqa: E402
from harness import remove_bucket  # noqa: E402
from private_stack import PrivateStack  # noqa: E402

REAL = os.environ.get("IBM_COS_REAL") == "1"
REAL_DEFAULTS = {
    "IBM_COS_REGION": "us-south",
    "IBM_COS_ENDPOINT": "https://s3.us-south.cloud-object-storage.appdomain.cloud",
    "IBM_COS_ENDPOINTS_URL": "https://control.cloud-object-storage.cloud.ibm.com/v2/endpoints",
    "IBM_IAM_ENDPOINT": "https://iam.cloud.ibm.com/identity/token",
    "IBM_COS_CONFIG_ENDPOINT": "https://config.cloud-object-storage.cloud.ibm.com/v1",
}


def pytest_configure(config):
    config.addinivalue_line("markers", "stack_only: needs the local stack; skipped against real COS")
    config.addinivalue_line("markers", "ledger(*ids): the rows of tests/cos_stack/LEDGER.md this test pins")


def pytest_collection_modifyitems(config, items):
    if REAL:
        skip = pytest.mark.skip(reason="local stack only (IBM_COS_REAL=1)")
        for item in items:
            if "stack_only" in item.keywords:
                item.add_marker(skip)


def _real_env():
    missing = [name for name in ("IBMCLOUD_API_KEY", "IBM_COS_INSTANCE_CRN") if not os.environ.get(name)]
    if missing:
        pytest.exit(f"IBM_COS_REAL=1 needs {', '.join(missing)} in the environment", returncode=4)
    return {**REAL_DEFAULTS, **{k: v for k, v in os.environ.items() if k.startswith(("IBM", "IC_"))}}


@pytest.fixture(scope="session")
def env(tmp_path_factory):
    """The settings of the COS the suite talks to (the env file's names)."""
    if REAL:
        yield _real_env()
        return
    try:
        yield load()
    except FileNotFoundError:
        with PrivateStack(tmp_path_factory.mktemp("cos-stack")).running() as env:
            yield env


@pytest.fixture(scope="session")
def private_stack(tmp_path_factory):
    """A stack only this suite uses, for tests that change settings, faults or the whole store."""
    if REAL:
        pytest.skip("local stack only")
    stack = PrivateStack(tmp_path_factory.mktemp("private-cos-stack"))
    with stack.running() as stack.env:
        yield stack


@pytest.fixture
def private_env(private_stack):
    """The private stack, reset to empty with default settings before each test."""
    admin = StackAdmin.from_env(private_stack.env)
    admin.reset()
    return private_stack.env


@pytest.fixture
def admin(env):
    if REAL:
        pytest.skip("needs the local stack's admin API")
    return StackAdmin.from_env(env)


@pytest.fixture
def private_admin(private_env):
    return StackAdmin.from_env(private_env)


@pytest.fixture(scope="session")
def endpoints_doc(env):
    response = requests.get(env["IBM_COS_ENDPOINTS_URL"], verify=env.get("IBM_COS_CA_BUNDLE") or True,
                            timeout=10)
    response.raise_for_status()
    return response.json()


@pytest.fixture(scope="session")
def endpoint_for(endpoints_doc):
    """endpoint_for('eu-de', 'private') -> 'https://...' from the endpoints document."""

    def find(location, network="public"):
        for kind in endpoints_doc["service-endpoints"].values():
            if location in kind and network in kind[location]:
                return https(next(iter(kind[location][network].values())))
        raise LookupError(f"no {network} endpoint for {location} in the endpoints document")

    return find


@pytest.fixture(scope="session")
def s3(env):
    """OAuth client at the default (us-south, public) endpoint."""
    return oauth_client(env)


@pytest.fixture(scope="module")
def config_api(env):
    """The Resource Configuration API through IBM's client, with a token of its own."""
    return ConfigApi(env, iam_token(env))


@pytest.fixture(scope="session")
def hmac_env(env):
    """The env, when it has HMAC keys (a real account may not)."""
    if not (env.get("IBM_COS_HMAC_ACCESS_KEY_ID") and env.get("IBM_COS_HMAC_SECRET_ACCESS_KEY")):
        pytest.skip("no HMAC keys in the environment")
    return env


@pytest.fixture(scope="session")
def kp_root_key(env):
    if not env.get("IBM_KP_ROOT_KEY_CRN"):
        pytest.skip("IBM_KP_ROOT_KEY_CRN not set")
    return env["IBM_KP_ROOT_KEY_CRN"]


@pytest.fixture(scope="session")
def s3_at(env, endpoint_for):
    """s3_at('eu-de', 'private') -> an OAuth client at that endpoint (one per endpoint)."""
    clients = {}

    def client(location="us-south", network="public"):
        if (location, network) not in clients:
            clients[location, network] = oauth_client(env, endpoint_for(location, network))
        return clients[location, network]

    return client


@pytest.fixture
def bucket_name(s3_at, env):
    """new_name(location='us-south', name=None) -> a unique (or the given) bucket name,
    deleted with its objects (and backup policies, which keep a bucket from going) afterwards."""
    created = []

    def new_name(location="us-south", name=None):
        name = name or f"cos-contract-{secrets.token_hex(5)}"
        created.append((name, location))
        return name

    yield new_name
    for name, location in created:
        code = remove_bucket(s3_at(location), name, env)
        if code:  # a protected bucket may refuse; say so, do not hide it
            print(f"cleanup of bucket {name} failed: {code}")


@pytest.fixture
def bucket(s3, bucket_name):
    """A new empty bucket at the default endpoint, removed afterwards."""
    name = bucket_name()
    s3.create_bucket(Bucket=name)
    return name


@pytest.fixture
def versioned(s3, bucket_name):
    """versioned() -> the name of a new bucket with versioning on, removed afterwards."""
    def make():
        name = bucket_name()
        s3.create_bucket(Bucket=name)
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        return name
    return make


@pytest.fixture
def versioned_bucket(versioned):
    """One new bucket with versioning on."""
    return versioned()
