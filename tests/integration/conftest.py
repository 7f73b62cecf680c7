"""Integration harness: runs ibm.cos modules with ansible-playbook against the local COS stack.

Every test gets the stack's counters reset before it runs, so a test can assert exactly which
calls its tasks made. Results come back through the json_results callback, one dict per task.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from harness import REAL, REAL_DEFAULTS, AnsibleRunner, hmac_client, remove_bucket

from cos_stack import envfile
from cos_stack.admin import StackAdmin


@pytest.fixture(scope="session")
def cos_env() -> dict:
    if REAL:
        missing = [n for n in ("IBMCLOUD_API_KEY", "IBM_COS_INSTANCE_CRN") if not os.environ.get(n)]
        if missing:
            pytest.exit(f"IBM_COS_REAL=1 needs {', '.join(missing)} in the environment", returncode=4)
        return {**REAL_DEFAULTS, **{k: v for k, v in os.environ.items() if k.startswith(("IBM", "IC_"))}}
    try:
        return envfile.load()
    except FileNotFoundError:
        pytest.exit("no local COS stack: run `make stack-up` (or `make test`, which starts one)", returncode=4)


@pytest.fixture(scope="session")
def token_cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("token-cache")


class NoStackAdmin:
    """`stack` against real COS, which has no counters, fault knobs or settings to change: a test
    runs its tasks and checks what COS holds, and skips at the first thing only the stack has."""

    def reset_counters(self):
        pass

    def clear_faults(self):
        pass

    def __getattr__(self, name):
        pytest.skip(f"real COS has no {name} (the local stack's admin API); the checks before it ran")


@pytest.fixture
def stack(cos_env):
    if REAL:
        yield NoStackAdmin()
        return
    admin = StackAdmin.from_env(cos_env)
    admin.clear_faults()
    admin.reset_counters()
    yield admin
    admin.clear_faults()


@pytest.fixture
def ansible(cos_env, tmp_path, token_cache_dir) -> AnsibleRunner:
    return AnsibleRunner(cos_env, tmp_path, token_cache_dir)


@pytest.fixture(scope="session")
def s3(cos_env):
    """An HMAC client for checking what COS holds, independent of the collection's code."""
    return hmac_client(cos_env)


@pytest.fixture
def bucket_name(request, s3, cos_env):
    """A unique bucket name for this test; the bucket is removed afterwards if it exists (with its
    backup policies, which COS requires to go first)."""
    stem = "".join(c if c.isalnum() else "-" for c in request.node.name.lower())[:30].strip("-")
    name = f"{'ibmcos-' if REAL else ''}it-{stem}-{uuid.uuid4().hex[:8]}".replace("--", "-")
    yield name
    remove_bucket(s3, name, cos_env)


@pytest.fixture
def bucket(s3, bucket_name):
    """A new empty bucket under this test's `bucket_name`."""
    s3.create_bucket(Bucket=bucket_name)
    return bucket_name
