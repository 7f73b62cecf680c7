"""Shared by the reliability tests (no tests here): the integration harness, loaded by its path.

`from conftest import ...` picks whichever conftest module Python imported first, which is the
unit suite's when both suites run in one pytest process; loading this directory's file by path
does not depend on that."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_NAME = "ibm_cos_integration_harness"


def _harness():
    if _NAME not in sys.modules:
        spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).with_name("conftest.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[_NAME] = module
        spec.loader.exec_module(module)
    return sys.modules[_NAME]


AnsibleRunner = _harness().AnsibleRunner
empty_and_delete_bucket = _harness().empty_and_delete_bucket
hmac_client = _harness()._hmac_client  # pylint: disable=protected-access
