"""`make test-real`'s report: the plugin records what a pytest run did, the builder turns it into
a verdict per ledger row. A synthetic suite (one test per outcome) is run in a child pytest."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from real_cos import report

TESTS_DIR = Path(__file__).resolve().parents[2]

ROWS = {
    "AAA-01": {"behaviour": "pinned by a test that passes"},
    "AAA-02": {"behaviour": "pinned by one passing and one failing test"},
    "AAA-03": {"behaviour": "pinned only by a skipped test"},
    "AAA-04": {"behaviour": "pinned by nothing that ran"},
    "AAA-05": {"behaviour": "pinned by a test that needs the stack's own variables"},
}

SYNTHETIC_SUITE = textwrap.dedent('''
    import pytest

    @pytest.mark.ledger("AAA-01", "AAA-02")
    def test_passes():
        assert True

    @pytest.mark.ledger("AAA-02")
    def test_fails():
        assert 1 == 2, "real COS answered 400 where the stack answers 409"

    @pytest.mark.ledger("AAA-03")
    def test_skipped():
        pytest.skip("no Key Protect root key")

    @pytest.mark.ledger("AAA-05")
    def test_needs_stack_admin():
        env = {}
        env["IBM_COS_STACK_ADMIN"]

    def test_unpinned_failure():
        raise RuntimeError("cos_sync left 3 objects")
''')


def run_synthetic(tmp_path, real):
    (tmp_path / "test_synthetic.py").write_text(SYNTHETIC_SUITE)
    results = tmp_path / "results.json"
    env = {k: v for k, v in os.environ.items() if k != "IBM_COS_REAL"}
    env["PYTHONPATH"] = str(TESTS_DIR)
    if real:
        env["IBM_COS_REAL"] = "1"
    subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "real_cos.plugin",
                    "--real-cos-results", str(results), "-q", str(tmp_path / "test_synthetic.py")],
                   cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    return json.loads(results.read_text())["tests"]


@pytest.fixture(scope="module")
def real_results(tmp_path_factory):
    return run_synthetic(tmp_path_factory.mktemp("real"), real=True)


def test_plugin_records_outcome_and_rows_per_test(real_results):
    tests = real_results
    by_name = {nodeid.split("::")[-1]: test for nodeid, test in tests.items()}
    assert {name: test["outcome"] for name, test in by_name.items()} == {
        "test_passes": "passed", "test_fails": "failed", "test_skipped": "skipped",
        "test_needs_stack_admin": "skipped", "test_unpinned_failure": "failed"}
    assert by_name["test_passes"]["rows"] == ["AAA-01", "AAA-02"]
    assert "400 where the stack answers 409" in by_name["test_fails"]["message"]
    assert "needs the local stack" in by_name["test_needs_stack_admin"]["message"]


def test_a_stack_only_error_fails_against_the_stack(tmp_path):
    tests = run_synthetic(tmp_path, real=False)
    assert tests["test_synthetic.py::test_needs_stack_admin"]["outcome"] == "failed"


def test_verdict_per_row(real_results):
    found = report.verdicts(real_results, ROWS)
    assert {row_id: entry[0] for row_id, entry in found.items()} == {
        "AAA-01": "confirmed", "AAA-02": "contradicted", "AAA-03": "not exercised",
        "AAA-04": "not exercised", "AAA-05": "not exercised"}


def test_rendered_report_names_verdicts_failures_and_counts(real_results):
    text = report.render(real_results, ROWS, environ={"IBM_COS_REGION": "eu-de"})
    table = {line.split("|")[1].strip(): line.split("|")[3].strip()
             for line in text.splitlines() if line.startswith("| AAA-")}
    assert table == {"AAA-01": "confirmed", "AAA-02": "contradicted", "AAA-03": "not exercised",
                     "AAA-04": "not exercised", "AAA-05": "not exercised"}
    assert "1 confirmed, 1 contradicted, 3 not exercised (of 5)" in text
    assert "IBM_COS_REGION=eu-de" in text
    assert "test_unpinned_failure`: RuntimeError: cos_sync left 3 objects" in text


def test_a_row_a_test_names_but_the_ledger_lacks_is_reported():
    tests = {"t::x": {"rows": ["ZZZ-09"], "outcome": "passed"}}
    assert "| ZZZ-09 | (not in LEDGER.md) | confirmed |" in report.render(tests, ROWS, environ={})


def test_credentials_never_reach_the_report():
    key = "k3y-" + "x" * 40
    tests = {"t::leaky": {"rows": ["AAA-01"], "outcome": "failed", "message": f"refused {key}"}}
    text = report.render(tests, ROWS, environ={"IBMCLOUD_API_KEY": key})
    assert key not in text and "refused <redacted>" in text


def test_main_writes_the_report_file_against_the_real_ledger(tmp_path, capsys):
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"tests": {"tests/contract/test_iam.py::t": {
        "rows": ["IAM-01"], "outcome": "passed"}}}))
    out = tmp_path / "out" / "report.md"
    assert report.main([str(results), "--out", str(out)]) == 0
    text = out.read_text()
    assert "| IAM-01 |" in text and "| confirmed |" in text.split("| IAM-01 |")[1].split("\n")[0] + "|"
    assert "AUTH-01" in text and text in capsys.readouterr().out


def test_main_says_so_when_the_run_left_no_results(tmp_path, capsys):
    assert report.main([str(tmp_path / "missing.json"), "--out", str(tmp_path / "r.md")]) == 1
    assert "no results" in capsys.readouterr().out and not (tmp_path / "r.md").exists()
