"""Checks the guides in docs/docsite before the site is built.

Layout (docs/docsite/README.md): every file under docs/docsite/rst is
rst/guide_<name>.rst, starts with the label
`.. _ansible_collections.ibm.cos.docsite.guide_<name>:`, and is listed in
docs/docsite/extra-docs.yml, which lists no file that does not exist.
No guide is left behind as Markdown in docs/guides, off the site.

Examples: every `.. code-block:: yaml` must parse. In it, every ibm.cos module
call and every `module_defaults: group/ibm.cos.cos` may use only options (or
aliases) the modules document, so a renamed option cannot leave a guide behind.
Other collections' tasks (the "before" side of migration guides) are skipped.
"""

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
DOCSITE = REPO / "docs" / "docsite"
RST_DIR = DOCSITE / "rst"
EXTRA_DOCS = DOCSITE / "extra-docs.yml"
OLD_GUIDES = REPO / "docs" / "guides"
LABEL_PREFIX = "ansible_collections.ibm.cos.docsite."
GUIDE_NAME = re.compile(r"guide_[a-z0-9]+(_[a-z0-9]+)*")
YAML_DIRECTIVE = re.compile(r"^(?P<indent> *)\.\. code(-block)?:: *yaml *$")
GROUP = "group/ibm.cos.cos"


def listed_guides():
    """The toctree entries of extra-docs.yml, in order."""
    index = yaml.safe_load(EXTRA_DOCS.read_text(encoding="utf-8"))
    entries = []
    for section in index.get("sections") or []:
        for entry in section.get("toctree") or []:
            entries.append(entry["ref"] if isinstance(entry, dict) else entry)
    return entries


def layout_problems():
    problems = []
    files = {path.relative_to(RST_DIR).with_suffix("").as_posix(): path for path in RST_DIR.rglob("*.rst")}
    listed = listed_guides()
    for name in sorted(set(files) - set(listed)):
        problems.append(f"docs/docsite/rst/{name}.rst is not listed in docs/docsite/extra-docs.yml")
    for name in sorted(set(listed) - set(files)):
        problems.append(f"docs/docsite/extra-docs.yml lists {name!r}, but docs/docsite/rst/{name}.rst does not exist")
    for name in sorted({name for name in listed if listed.count(name) > 1}):
        problems.append(f"docs/docsite/extra-docs.yml lists {name!r} more than once")
    for name, path in sorted(files.items()):
        if not GUIDE_NAME.fullmatch(name):
            problems.append(f"docs/docsite/rst/{name}.rst: guides are named guide_<lower_case_words>.rst")
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        label = f".. _{LABEL_PREFIX}{name}:"
        if first != [label]:
            problems.append(f"docs/docsite/rst/{name}.rst: the first line must be the label {label!r}")
    for stray in sorted(OLD_GUIDES.glob("*.md")) if OLD_GUIDES.is_dir() else []:
        problems.append(f"docs/guides/{stray.name}: guides live in docs/docsite/rst as guide_<name>.rst "
                        "(see docs/docsite/README.md); this one is not on the docs site")
    return problems


def yaml_blocks(text):
    """The content of each yaml code-block directive of an rst document, dedented."""
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        match = YAML_DIRECTIVE.match(lines[number])
        number += 1
        if not match:
            continue
        indent = len(match["indent"])
        body = []
        # Directive options (:caption: ...) come before the blank line that opens the content.
        while number < len(lines) and lines[number].strip().startswith(":"):
            number += 1
        while number < len(lines) and (not lines[number].strip()
                                       or len(lines[number]) - len(lines[number].lstrip()) > indent):
            body.append(lines[number])
            number += 1
        yield textwrap.dedent("\n".join(body))


def documented_options(modules):
    """{module: set of option names and aliases} from ansible-doc."""
    output = subprocess.run(["ansible-doc", "-t", "module", "--json", *sorted(modules)],
                            check=True, capture_output=True, text=True).stdout
    names = {}
    for fqcn, data in json.loads(output).items():
        options = data["doc"].get("options") or {}
        names[fqcn] = set(options)
        for spec in options.values():
            names[fqcn].update(spec.get("aliases") or [])
    return names


def walk_tasks(node):
    """Every dict in a parsed block that may be a task or a play."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk_tasks(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk_tasks(item)


def module_calls(block):
    """(module FQCN or GROUP, its argument dict) for each ibm.cos call in a block."""
    for node in walk_tasks(block):
        for key, value in node.items():
            if key.startswith("ibm.cos.cos_") and isinstance(value, dict):
                yield key, value
            elif key == "module_defaults" and isinstance(value, dict) and isinstance(value.get(GROUP), dict):
                yield GROUP, value[GROUP]


def example_problems():
    calls, problems, blocks = [], [], 0
    for guide in sorted(RST_DIR.rglob("*.rst")):
        for number, text in enumerate(yaml_blocks(guide.read_text(encoding="utf-8")), 1):
            blocks += 1
            try:
                block = yaml.safe_load(text)
            except yaml.YAMLError as error:
                problems.append(f"{guide.name}: yaml block {number} does not parse: {error}")
                continue
            calls.extend((guide.name, module, args) for module, args in module_calls(block))
    modules = {call[1] for call in calls if call[1] != GROUP}
    options = documented_options(modules | {"ibm.cos.cos_bucket_info"})
    # Connection options are the ones every module shares.
    options[GROUP] = set.intersection(*options.values())
    for guide, module, args in calls:
        for name in sorted(set(args) - options[module]):
            problems.append(f"{guide}: {module} has no option {name!r}")
    return blocks, len(calls), problems


def main():
    problems = layout_problems()
    blocks, calls, example_errors = example_problems()
    problems += example_errors
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"guides: {len(listed_guides())} listed, {blocks} yaml blocks, {calls} ibm.cos calls checked, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
