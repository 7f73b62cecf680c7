#!/usr/bin/env bash
# Runs `ansible-test sanity` over the collection exactly as it ships: the
# content of the tarball `ansible-galaxy collection build` makes, unpacked into
# a farm whose path ends in ansible_collections/ibm/cos, as ansible-test needs.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${SANITY_WORK_DIR:-$repo/build/sanity}"
farm="$work/ansible_collections/ibm/cos"

rm -rf "$work"
mkdir -p "$work/dist" "$farm"
ansible-galaxy collection build "$repo" --output-path "$work/dist" >/dev/null
tar -xzf "$work"/dist/ibm-cos-*.tar.gz -C "$farm"

# ansible-test takes its file list from git.
git -C "$farm" init --quiet
git -C "$farm" add --all

# ansible-test looks for a cached pip bootstrap script before downloading one;
# ours needs no network. Leave a genuine cached copy alone.
pip_version="$(python -c 'import types
from ansible_test._internal.python_requirements import get_venv_packages
print(get_venv_packages(types.SimpleNamespace(version="3.11"))["pip"])')"
cached="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
if [[ ! -e "$cached" ]] || grep -q "Offline stand-in" "$cached"; then
    mkdir -p "$(dirname "$cached")"
    cp "$repo/tests/sanity/get_pip.py" "$cached"
fi

cd "$farm"
exec ansible-test sanity --python 3.11 --color no "$@"
