"""Checks the YAML in docs/guides against the modules' documented options.

Every ```yaml block must parse. In it, every ibm.cos module call and every
`module_defaults: group/ibm.cos.cos` may use only options (or aliases) the
modules document, so a renamed option cannot leave a guide behind.
Other collections' tasks (the "before" side of migration guides) are skipped.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
GUIDES = REPO / "docs" / "guides"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
GROUP = "group/ibm.cos.cos"


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


def main():
    calls, problems = [], []
    for guide in sorted(GUIDES.glob("*.md")):
        for number, text in enumerate(YAML_BLOCK.findall(guide.read_text(encoding="utf-8")), 1):
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
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"guides: {len(calls)} ibm.cos calls checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
