#!/usr/bin/env bash
# Builds the release tarball into build/release, checks it carries no test
# state, caches or virtual environments, installs it into an empty collections
# path and runs the demo playbook from that installed copy against the
# running local stack.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="$repo/build/release"
stack_env="${COS_STACK_DIR:-$repo/.cos-stack}/env"

fail() { echo "test-release: $*" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
ansible-galaxy collection build "$repo" --output-path "$out"
tarball="$(ls "$out"/ibm-cos-*.tar.gz)"

# Paths a user must never receive: test state, caches, environments, tooling.
forbidden='(^|/)(\.venv[^/]*|\.cos-stack|__pycache__|\.pytest_cache|\.hypothesis|\.git|\.ci|\.cache)(/|$)'
forbidden+='|^(build|bench|tests/output|tests/cos_stack|tests/contract|tests/integration)(/|$)'
forbidden+='|\.(pyc|tar\.gz|log|pem)$'
listing="$(tar -tzf "$tarball" | sed 's|^\./||')"
if bad="$(grep -E "$forbidden" <<<"$listing")"; then
    fail "the tarball ships files it must not:"$'\n'"$bad"
fi
for required in MANIFEST.json FILES.json README.md meta/runtime.yml requirements.txt; do
    grep -qx -- "$required" <<<"$listing" || fail "the tarball lacks $required"
done

[[ -f "$stack_env" ]] || fail "no running local stack ($stack_env missing): run 'make stack-up'"

install_dir="$(mktemp -d)"
trap 'rm -rf "$install_dir"' EXIT
# Only the installed copy may be found: not the repo's ansible.cfg, not the
# checkout linked under build/collections.
cat >"$install_dir/ansible.cfg" <<CFG
[defaults]
collections_path = $install_dir
interpreter_python = auto_silent
CFG
export ANSIBLE_CONFIG="$install_dir/ansible.cfg" ANSIBLE_COLLECTIONS_PATH="$install_dir"
# Tokens cached against an earlier stack would be refused by this one.
export IBM_COS_TOKEN_CACHE_DIR="$install_dir/token-cache"
cd "$install_dir"
ansible-galaxy collection install "$tarball" -p "$install_dir" --offline
found="$(ansible-galaxy collection list ibm.cos --format json)"
grep -qF "\"$install_dir/ansible_collections\"" <<<"$found" \
    || fail "ibm.cos does not resolve to the installed copy: $found"
set -a
# shellcheck disable=SC1090
. "$stack_env"
set +a
ansible-playbook ibm.cos.demo
