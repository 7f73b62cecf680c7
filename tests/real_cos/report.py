"""The real-COS report: per row of tests/cos_stack/LEDGER.md, whether real IBM COS confirmed it.

    python -m real_cos.report RESULTS.json --out build/real-cos-report.md

RESULTS.json is what real_cos.plugin writes. A row is
- `contradicted` when a test that pins it failed against real COS: the stack (and perhaps the
  collection) answers otherwise than COS does;
- `confirmed` when its pinning tests that ran all passed;
- `not exercised` when none of them ran (all skipped: stack only, or the account lacks something).
Tests that pin no row (the integration suite) are summed up, and their failures listed, below the
table. Values of the credentials in the environment never reach the report."""

import argparse
import json
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

CONFIRMED, CONTRADICTED, NOT_EXERCISED = "confirmed", "contradicted", "not exercised"
SECRET_VARS = ("IBMCLOUD_API_KEY", "IC_API_KEY", "IBM_API_KEY_ID", "IBM_COS_HMAC_ACCESS_KEY_ID",
               "IBM_COS_HMAC_SECRET_ACCESS_KEY", "IBMCLOUD_IAM_TOKEN", "IC_IAM_TOKEN")
# Where the account is: worth knowing when reading a report, and no secret.
CONTEXT_VARS = ("IBM_COS_REGION", "IBM_COS_ENDPOINT", "IBM_COS_ENDPOINT_TYPE")


def verdicts(tests, rows):
    """{row ID: (verdict, [nodeids that passed], [(nodeid, message) that failed])} for every row."""
    found = {row_id: ([], []) for row_id in rows}
    for nodeid, test in tests.items():
        for row_id in test.get("rows", ()):
            passed, failed = found.setdefault(row_id, ([], []))
            if test["outcome"] == "passed":
                passed.append(nodeid)
            elif test["outcome"] == "failed":
                failed.append((nodeid, test.get("message", "")))
    result = {}
    for row_id, (passed, failed) in found.items():
        verdict = CONTRADICTED if failed else CONFIRMED if passed else NOT_EXERCISED
        result[row_id] = (verdict, sorted(passed), sorted(failed))
    return result


def redact(text, environ):
    for name in SECRET_VARS:
        value = environ.get(name)
        if value and len(value) >= 4:
            text = text.replace(value, "<redacted>")
    return text


def _cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def render(tests, rows, environ=None, now=None):
    """The report as markdown: summary, per-row table, other failures."""
    environ = os.environ if environ is None else environ
    found = verdicts(tests, rows)
    counts = {v: sum(1 for entry in found.values() if entry[0] == v)
              for v in (CONFIRMED, CONTRADICTED, NOT_EXERCISED)}
    outcomes = {}
    for test in tests.values():
        outcomes[test["outcome"]] = outcomes.get(test["outcome"], 0) + 1
    when = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# ibm.cos against real IBM COS",
        "",
        f"Run {when}; Python {platform.python_version()}, ibm-cos-sdk {_sdk_version()}; "
        + ", ".join(f"{name}={environ[name]}" for name in CONTEXT_VARS if environ.get(name)),
        "",
        f"Ledger rows: {counts[CONFIRMED]} confirmed, {counts[CONTRADICTED]} contradicted, "
        f"{counts[NOT_EXERCISED]} not exercised (of {len(found)}).",
        "Tests: " + ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items())) + ".",
        "",
        "| ID | behaviour | verdict | evidence |",
        "|---|---|---|---|",
    ]
    for row_id, (verdict, passed, failed) in found.items():
        behaviour = rows.get(row_id, {}).get("behaviour", "(not in LEDGER.md)")
        if failed:
            evidence = "; ".join(f"`{nodeid}`: {message}" for nodeid, message in failed)
        elif passed:
            evidence = ", ".join(f"`{nodeid.split('::', 1)[-1]}`" for nodeid in passed)
        else:
            evidence = ""
        lines.append(f"| {row_id} | {_cell(behaviour)} | {verdict} | {_cell(evidence)} |")
    others = sorted((nodeid, test.get("message", "")) for nodeid, test in tests.items()
                    if test["outcome"] == "failed" and not test.get("rows"))
    lines += ["", f"## Failed tests that pin no ledger row ({len(others)})", ""]
    lines += [f"- `{nodeid}`: {message}" for nodeid, message in others] or ["None."]
    return redact("\n".join(lines) + "\n", environ)


def _sdk_version():
    try:
        from importlib.metadata import version

        return version("ibm-cos-sdk")
    except Exception:  # pylint: disable=broad-except
        return "unknown"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "contract"))
    from test_ledger import ledger_rows  # the ledger's one parser

    if not args.results.exists():
        print(f"real-cos report: no results in {args.results} (the test run stopped before it began)")
        return 1
    tests = json.loads(args.results.read_text(encoding="utf-8"))["tests"]
    report = render(tests, ledger_rows())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    print(f"The report is in {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
