#!/usr/bin/env bash
# The supported ansible-core range, tested: the smoke playbook runs under each older release
# (2.19 runs every other test). Needs the stack's env file ($COS_STACK_DIR/env).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-python3}
set -a
# shellcheck source=/dev/null
. "${COS_STACK_DIR:-$repo/.cos-stack}/env"
set +a
export ANSIBLE_COLLECTIONS_PATH="$repo/build/collections" IBM_COS_TOKEN_CACHE_DIR
IBM_COS_TOKEN_CACHE_DIR=$(mktemp -d)
trap 'rm -rf "$IBM_COS_TOKEN_CACHE_DIR"' EXIT
while read -r core; do
  venv="$repo/build/compat/ansible-core-$core"
  if [ ! -f "$venv/.installed" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
      "ansible-core==$core" -r "$repo/requirements.txt" -c "$here/constraints.txt"
    touch "$venv/.installed"
  fi
  echo "== ansible-core $core"
  (cd "$repo" && COMPAT_SUFFIX=${core//./-} "$venv/bin/ansible-playbook" "$here/smoke.yml")
done < "$here/ansible-core-versions.txt"
