"""Reads a module's EXAMPLES block and the bucket names its tasks use (pure)."""

import ast

import yaml

# Task keys that are not the module call.
TASK_KEYWORDS = {
    "name", "register", "when", "loop", "loop_control", "vars", "tags", "notify", "until",
    "retries", "delay", "changed_when", "failed_when", "ignore_errors", "no_log", "check_mode",
    "diff", "environment", "become", "delegate_to", "run_once", "module_defaults", "args",
}
# Modules whose `name` option is a bucket name.
BUCKET_NAME_MODULES = {"cos_bucket", "cos_bucket_info"}


def read_examples(module_path):
    """The EXAMPLES string of a module file, found without importing it ('' if absent)."""
    with open(module_path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), filename=module_path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXAMPLES" for t in node.targets):
            return ast.literal_eval(node.value)
    return ""


def parse_tasks(examples, module_path):
    """EXAMPLES as a list of task dicts; a clear error when it is not one."""
    tasks = yaml.safe_load(examples) or []
    if not isinstance(tasks, list) or not all(isinstance(task, dict) for task in tasks):
        raise ValueError(f"{module_path}: EXAMPLES must be a YAML list of tasks")
    return tasks


def module_call(task):
    """(short module name, its arguments) of a task, or (None, {}) for a non-cos task."""
    for key, value in task.items():
        if key in TASK_KEYWORDS:
            continue
        short = key.rsplit(".", 1)[-1]
        if key.startswith("ibm.cos.") or short.startswith("cos_"):
            return short, value if isinstance(value, dict) else {}
    return None, {}


def _literal(value):
    return isinstance(value, str) and "{{" not in value and "{%" not in value


def _bucket_values(args):
    """Every literal value of a `bucket` key, at any depth (copy sources included)."""
    found = set()
    if isinstance(args, dict):
        for key, value in args.items():
            if key == "bucket" and _literal(value):
                found.add(value)
            else:
                found |= _bucket_values(value)
    elif isinstance(args, list):
        for item in args:
            found |= _bucket_values(item)
    return found


def bucket_names(tasks):
    """(buckets the tasks use, buckets a cos_bucket task of theirs creates)."""
    used, created = set(), set()
    for task in tasks:
        module, args = module_call(task)
        if module is None:
            continue
        used |= _bucket_values(args)
        name = args.get("name")
        if module in BUCKET_NAME_MODULES and _literal(name):
            used.add(name)
            if module == "cos_bucket" and args.get("state", "present") != "absent":
                created.add(name)
    return used, created
