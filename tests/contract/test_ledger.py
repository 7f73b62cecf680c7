"""tests/cos_stack/LEDGER.md is complete and honest, mechanically:

- every `# ledger: ID` tag in the stack's code names a row, and every row is tagged somewhere;
- every row is pinned by at least one contract test (`@pytest.mark.ledger("ID", ...)`), and every
  ID a test names is a row;
- every row has a source, or is marked `assumption` and says why;
- the "pinned by" column lists exactly the test files that mark the row.

`python tests/contract/test_ledger.py` rewrites the "pinned by" column from the markers."""

import ast
import re
import sys
from pathlib import Path

STACK = Path(__file__).resolve().parents[1] / "cos_stack"
CONTRACT = Path(__file__).resolve().parent
LEDGER = STACK / "LEDGER.md"

ROW_ID = re.compile(r"^[A-Z][A-Z0-9]*-\d{2}$")
CODE_TAG = re.compile(r"#\s*ledger:\s*([A-Z0-9 -]+)")
BASES = {"source", "assumption", "source+assumption"}
# The sources LEDGER.md's head lists, as rows name them.
SOURCES = re.compile(r"\bdocs: `[\w-]+\.md`|\bS3 model\b|\bIAM client\b|\bconfig SDK\b|\bterraform\b|\bplatform SDK\b")
COLUMNS = ["ID", "behaviour", "source", "basis", "pinned by"]


def ledger_rows(text=None):
    """{ID: {column: cell}} from the ledger's table rows, in order."""
    text = LEDGER.read_text(encoding="utf-8") if text is None else text
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != len(COLUMNS) or not ROW_ID.match(cells[0]):
            continue
        assert cells[0] not in rows, f"row {cells[0]} appears twice"
        rows[cells[0]] = dict(zip(COLUMNS, cells))
    return rows


def code_tags():
    """{ID: [file:line, ...]} from `# ledger: ID ID` comments in the stack's code."""
    tags = {}
    for path in sorted(STACK.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = CODE_TAG.search(line)
            if match:
                for row_id in match.group(1).split():
                    tags.setdefault(row_id, []).append(f"{path.relative_to(STACK)}:{number}")
    return tags


def _marker_ids(decorator):
    """The IDs of a `pytest.mark.ledger("A-01", ...)` expression, else None."""
    if (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "ledger"):
        return [arg.value for arg in decorator.args if isinstance(arg, ast.Constant)]
    return None


def marker_files():
    """{ID: {test file name, ...}} from ledger markers on tests and module-level pytestmark."""
    marks = {}
    for path in sorted(CONTRACT.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            expressions = []
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                expressions = node.decorator_list
            elif isinstance(node, ast.Assign) and any(
                    isinstance(target, ast.Name) and target.id == "pytestmark" for target in node.targets):
                value = node.value
                expressions = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
            for expression in expressions:
                for row_id in _marker_ids(expression) or []:
                    marks.setdefault(row_id, set()).add(path.name)
    return marks




def test_ledger_has_rows_and_ids_are_well_formed():
    rows = ledger_rows()
    assert len(rows) > 50
    for row_id in list(code_tags()) + list(marker_files()):
        assert ROW_ID.match(row_id), f"malformed ledger ID {row_id!r}"


def test_every_tagged_rule_has_a_row():
    rows = ledger_rows()
    missing = {row_id: where for row_id, where in code_tags().items() if row_id not in rows}
    assert not missing, f"the stack tags rules that LEDGER.md lacks: {missing}"


def test_every_row_has_a_rule_in_the_stack():
    tags = code_tags()
    untagged = [row_id for row_id in ledger_rows() if row_id not in tags]
    assert not untagged, f"LEDGER.md rows no `# ledger:` tag in tests/cos_stack names: {untagged}"


def test_every_row_is_pinned_by_a_contract_test():
    marks = marker_files()
    unpinned = [row_id for row_id in ledger_rows() if row_id not in marks]
    assert not unpinned, f"LEDGER.md rows no @pytest.mark.ledger names: {unpinned}"


def test_every_marked_id_has_a_row():
    rows = ledger_rows()
    unknown = {row_id: files for row_id, files in marker_files().items() if row_id not in rows}
    assert not unknown, f"tests name ledger IDs LEDGER.md lacks: {unknown}"


def test_every_row_has_a_source_or_says_it_is_an_assumption():
    for row_id, row in ledger_rows().items():
        assert row["basis"] in BASES, f"{row_id}: basis must be one of {sorted(BASES)}"
        assert len(row["source"]) > 10, f"{row_id}: the source column must cite a source or say why none"
        if row["basis"] != "assumption":
            assert SOURCES.search(row["source"]), (
                f"{row_id}: a sourced row names one of the sources in LEDGER.md's head")


def test_pinned_by_lists_the_marking_test_files():
    marks = marker_files()
    for row_id, row in ledger_rows().items():
        listed = {name.strip(" `") for name in row["pinned by"].split(",") if name.strip()}
        assert listed == marks.get(row_id, set()), (
            f"{row_id}: 'pinned by' says {sorted(listed)}, the markers say {sorted(marks.get(row_id, ()))}"
            " (python tests/contract/test_ledger.py rewrites the column)")


def rewrite_pinned_by():
    marks = marker_files()
    lines = []
    for line in LEDGER.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == len(COLUMNS) and ROW_ID.match(cells[0]):
            cells[-1] = ", ".join(f"`{name}`" for name in sorted(marks.get(cells[0], ())))
            line = "| " + " | ".join(cells) + " |"
        lines.append(line)
    LEDGER.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    rewrite_pinned_by()
    sys.exit(0)
