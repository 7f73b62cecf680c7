#!/usr/bin/env bash
# `make demo` as a newcomer meets it: in a fresh copy of the checkout (what a clone holds), with no
# virtualenv yet, its own stack (ports COS_STACK_PORT_BASE+20..+24) and none of this shell's
# project settings. It must succeed and print no warning, the README's ad hoc commands for the
# local stack must too, and it must install fewer packages than `make test` would: the test
# toolchain stays out of the demo's venv.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$(mktemp -d)"
copy="$scratch/ibm.cos"
port_base=$(( ${COS_STACK_PORT_BASE:-18440} + 20 ))

fail() { echo "test-demo: $*" >&2; exit 1; }
cleanup() {
    if [[ -x "$copy/.venv/bin/python" ]]; then
        (cd "$copy" && COS_STACK_DIR="$copy/.cos-stack" PYTHONPATH="$copy/tests" \
            .venv/bin/python -m cos_stack down >/dev/null 2>&1) || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# The files a clone would have: tracked ones and new ones not ignored (no .venv, build, stack).
mkdir -p "$copy"
# (.venv may be a symlink here, which the ignore rule for the directory does not cover.)
git -C "$repo" ls-files -z --cached --others --exclude-standard | grep -zvE '^\.venv' \
    | (cd "$repo" && xargs -0 tar -cf - --no-recursion 2>/dev/null) | tar -xf - -C "$copy"
[[ -f "$copy/Makefile" && ! -e "$copy/.venv" ]] || fail "the copy of the checkout is incomplete"

# No trace of this checkout's environment: its venv on PATH, its collections, its stack.
clean_path="$(tr ':' '\n' <<<"$PATH" | grep -vxF "$repo/.venv/bin" | grep -v '/\.venv[^/]*/bin$' | paste -sd:)"
log="$scratch/demo.log"
status=0
(cd "$copy" && env -u PYTHONPATH -u ANSIBLE_COLLECTIONS_PATH -u ANSIBLE_CONFIG -u VIRTUAL_ENV \
    -u COS_STACK_DIR -u IBM_COS_TOKEN_CACHE_DIR -u MAKEFLAGS -u MAKELEVEL \
    PATH="$clean_path" COS_STACK_PORT_BASE="$port_base" PYTHON="${PYTHON:-python3}" \
    make demo) >"$log" 2>&1 || status=$?
if [[ $status -ne 0 ]]; then
    tail -n 40 "$log" >&2
    fail "make demo failed (exit $status) in a fresh copy"
fi
grep -q 'PLAY RECAP' "$log" || fail "make demo ran no playbook"
if warnings="$(grep -inE 'warn|deprecat' "$log")"; then
    fail "make demo printed warnings:"$'\n'"$warnings"
fi

# The README's ad hoc commands against the local stack, as a newcomer pastes them into the copy.
readme_commands="$(sed -n '/^## The local COS stack/,/^## /p' "$copy/README.md" | grep -E '^ansible ' || true)"
[[ -n "$readme_commands" ]] || fail "found no ad hoc 'ansible' commands in the README's local stack section"
adhoc_log="$scratch/ad-hoc.log"
status=0
# shellcheck disable=SC2016  # the inner script expands its own variables
(cd "$copy" && env -u PYTHONPATH -u ANSIBLE_COLLECTIONS_PATH -u ANSIBLE_CONFIG -u VIRTUAL_ENV \
    -u COS_STACK_DIR -u IBM_COS_TOKEN_CACHE_DIR -u MAKEFLAGS -u MAKELEVEL \
    PATH="$clean_path" COS_STACK_PORT_BASE="$port_base" PYTHON="${PYTHON:-python3}" \
    bash -c 'set -e; make --no-print-directory stack-up >/dev/null
             . .venv/bin/activate; set -a; . .cos-stack/env; set +a
             status=0; bash -ec "$1" || status=$?
             make --no-print-directory stack-down >/dev/null; exit $status' _ "$readme_commands") \
    >"$adhoc_log" 2>&1 || status=$?
if [[ $status -ne 0 ]]; then
    tail -n 40 "$adhoc_log" >&2
    fail "the README's ad hoc commands failed (exit $status)"
fi
if warnings="$(grep -inE 'warn|deprecat' "$adhoc_log")"; then
    fail "the README's ad hoc commands printed warnings:"$'\n'"$warnings"
fi

# What the demo installed, and what `make test` would install on top of it (resolved, not installed).
demo_count="$("$copy/.venv/bin/python" -m pip list --format=freeze --disable-pip-version-check | wc -l)"
report="$scratch/test-extra.json"
"$copy/.venv/bin/python" -m pip install --dry-run --quiet --disable-pip-version-check --report "$report" \
    -r "$copy/requirements-dev.txt" -c "$copy/tests/constraints.txt" >/dev/null 2>&1 \
    || fail "pip cannot resolve requirements-dev.txt"
extra="$("$copy/.venv/bin/python" -c 'import json, sys
print("\n".join(sorted(i["metadata"]["name"].lower() for i in json.load(open(sys.argv[1]))["install"])))' "$report")"
extra_count="$(grep -c . <<<"$extra" || true)"
for tool in pytest ansible-lint molecule; do
    grep -qx "$tool" <<<"$extra" || fail "$tool is in the demo's venv; requirements-demo.txt pulls in the test toolchain"
done
(( extra_count > 0 )) || fail "make test would install nothing more than make demo"
echo "test-demo: make demo and the README's $(grep -c . <<<"$readme_commands") ad hoc commands printed no warning;" \
     "the demo installed $demo_count packages;" \
     "make test installs $((demo_count + extra_count)) ($extra_count more)"
