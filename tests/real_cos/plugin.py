"""A pytest plugin (`-p real_cos.plugin --real-cos-results FILE`) that writes, for every test run,
its outcome and the ledger rows it pins, as JSON for real_cos.report.

With IBM_COS_REAL=1 it also turns a test's need for the local stack into a skip: a test that reads
one of the stack's own variables (IBM_COS_STACK_*, absent on a real account) or its env file was
not meant for real COS, and its failure would say nothing about COS."""

import json
import os
from pathlib import Path

import pytest

REAL = os.environ.get("IBM_COS_REAL") == "1"
STACK_ONLY = "needs the local stack (its admin API, counters or test keys); skipped against real COS"


def pytest_addoption(parser):
    parser.addoption("--real-cos-results", metavar="FILE",
                     help="write each test's outcome and the ledger rows it pins to FILE (JSON)")


def pytest_configure(config):
    config.addinivalue_line("markers", "ledger(*ids): the rows of tests/cos_stack/LEDGER.md this test pins")
    if config.getoption("real_cos_results"):
        config.pluginmanager.register(ResultsRecorder(Path(config.getoption("real_cos_results"))),
                                      "real_cos_results")


def needs_the_stack(error) -> bool:
    """True for the errors a stack-only test meets on a real account."""
    if isinstance(error, KeyError):
        return any(str(arg).startswith("IBM_COS_STACK") for arg in error.args)
    if isinstance(error, FileNotFoundError):
        return str(error.filename or "").endswith("env") and "stack" in str(error.filename)
    return False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REAL and report.failed and call.excinfo is not None and needs_the_stack(call.excinfo.value):
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0, f"Skipped: {STACK_ONLY}")


class ResultsRecorder:
    """{nodeid: {"rows": [...], "outcome": passed|failed|skipped, "message": ...}}."""

    def __init__(self, path):
        self.path = path
        self.tests = {}

    def pytest_collection_modifyitems(self, items):
        for item in items:
            rows = [row for mark in item.iter_markers("ledger") for row in mark.args]
            self.tests[item.nodeid] = {"rows": sorted(set(rows)), "outcome": "not run", "message": ""}

    def pytest_runtest_logreport(self, report):
        entry = self.tests.setdefault(report.nodeid, {"rows": [], "outcome": "not run", "message": ""})
        if report.failed:
            entry["outcome"] = "failed"
            entry["message"] = _first_line(report)
        elif report.skipped and entry["outcome"] != "failed":
            entry["outcome"] = "skipped"
            entry["message"] = _first_line(report)
        elif report.when == "call" and report.passed and entry["outcome"] == "not run":
            entry["outcome"] = "passed"

    def pytest_sessionfinish(self, session):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"tests": self.tests}, indent=1, sort_keys=True), encoding="utf-8")


def _first_line(report):
    text = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr or "")
    lines = text.splitlines()
    first = next((line[1:].strip() for line in lines if line.startswith("E ")), lines[0] if lines else "")
    return first[:300]
