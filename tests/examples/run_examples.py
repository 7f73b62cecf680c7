"""Runs every module's EXAMPLES block as a playbook against the local COS stack.

Usage: python tests/examples/run_examples.py [-v] [module ...]
The convention examples follow is in tests/examples/README.md.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from extract import bucket_names, parse_tasks, read_examples
import stack_buckets
from harness import ansible_environment, hmac_client  # tests/integration, on the path stack_buckets adds

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
MODULES = REPO / "plugins" / "modules"
FIXTURES = HERE / "fixtures"

# Values the stack cannot put in an example literally: variables the examples may use.
EXAMPLE_VARS = {
    "cos_instance_crn": "IBM_COS_INSTANCE_CRN",
    "key_protect_root_key_crn": "IBM_KP_ROOT_KEY_CRN",
    "hpcs_root_key_crn": "IBM_HPCS_ROOT_KEY_CRN",
    "trusted_profile_id": "IBM_TRUSTED_PROFILE_ID",
    "trusted_profile_name": "IBM_TRUSTED_PROFILE_NAME",
    "cr_token_file": "IBM_CR_TOKEN_FILE",
    "cos_credentials_file": "IBM_COS_STACK_CREDENTIALS_FILE",
}


def load_stack_env():
    from cos_stack import envfile

    try:
        return envfile.load()
    except FileNotFoundError:
        sys.exit(f"test-examples: no running local stack ({envfile.default_path()} missing): run 'make stack-up'")


def playbook(module, tasks, stack_env):
    fixture = FIXTURES / f"{module}.yml"
    setup = yaml.safe_load(fixture.read_text(encoding="utf-8")) if fixture.exists() else []
    example_vars = {var: stack_env[name] for var, name in EXAMPLE_VARS.items() if name in stack_env}
    return [{
        "name": f"EXAMPLES of ibm.cos.{module}",
        "hosts": "localhost",
        "gather_facts": False,
        "vars": example_vars,
        "tasks": setup + tasks,
    }]


def ansible_env(stack_env, workdir):
    # The stack's variables only, as a user with them exported would have.
    return ansible_environment(stack_env, workdir / "token-cache", {"ANSIBLE_CONFIG": str(REPO / "ansible.cfg")})


def run_module_examples(module_path, stack_env, s3, verbose):
    module = module_path.stem
    tasks = parse_tasks(read_examples(module_path), module_path)
    if not tasks:
        print(f"FAIL {module}: no EXAMPLES")
        return False
    used, created = bucket_names(tasks)
    for name in used & stack_buckets.existing(s3):
        stack_buckets.remove(s3, name, stack_env)  # leftovers of an earlier run
    before = stack_buckets.existing(s3)
    for name in sorted(used - created):
        stack_buckets.create(s3, name, stack_env.get("IBM_COS_REGION", "us-south"))

    with tempfile.TemporaryDirectory(prefix=f"examples-{module}-") as scratch:
        workdir = Path(scratch)
        (workdir / "play.yml").write_text(json.dumps(playbook(module, tasks, stack_env)), encoding="utf-8")
        (workdir / "inventory").write_text(
            f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n", encoding="utf-8")
        started = time.monotonic()
        result = subprocess.run(
            [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "inventory", "play.yml"],
            cwd=workdir, env=ansible_env(stack_env, workdir), capture_output=True, text=True, check=False)
        elapsed = time.monotonic() - started

    for name in sorted(used | (stack_buckets.existing(s3) - before)):
        stack_buckets.remove(s3, name, stack_env)
    passed = result.returncode == 0
    if verbose or not passed:
        print(result.stdout + result.stderr)
    print(f"{'ok  ' if passed else 'FAIL'} {module}: {len(tasks)} example task(s), {elapsed:.1f} s")
    return passed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="show every playbook's output")
    parser.add_argument("modules", nargs="*", help="module names (default: every module)")
    args = parser.parse_args()
    stack_env = load_stack_env()
    s3 = hmac_client(stack_env)
    paths = sorted(MODULES.glob("*.py"))
    if args.modules:
        paths = [path for path in paths if path.stem in args.modules]
    paths = [path for path in paths if not path.name.startswith("_")]
    if not paths:
        sys.exit("test-examples: no modules found")
    # Modules' examples share bucket names, removed and made again between modules: the stack's
    # reservation of a deleted name (LEDGER NAME-01) is for tests of that rule, not for this run.
    from cos_stack.admin import StackAdmin
    from cos_stack.settings import load_config

    admin = StackAdmin.from_env(stack_env)
    admin.configure(name_reservation_seconds=0)
    try:
        run_all(paths, stack_env, s3, args.verbose)
    finally:
        admin.configure(name_reservation_seconds=load_config()["name_reservation_seconds"])


def run_all(paths, stack_env, s3, verbose):
    failed = [path.stem for path in paths if not run_module_examples(path, stack_env, s3, verbose)]
    if failed:
        sys.exit(f"test-examples: failing examples in {', '.join(failed)}")


if __name__ == "__main__":
    main()
