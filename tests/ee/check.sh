#!/usr/bin/env bash
# Checks the execution environment definition without building an image:
# `ansible-builder create` must produce a build context carrying the
# collection's Python and system requirements, and ansible-builder's
# introspection must find them when ibm.cos is installed in an EE.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

fail() { echo "test-ee: $*" >&2; exit 1; }

bindep --file "$repo/bindep.txt" --profiles >/dev/null || fail "bindep.txt does not parse"

# The definition's file references are relative to the collection root, which
# is how introspection reads them; lay them out the same way for `create`.
cp "$repo/meta/execution-environment.yml" "$repo/requirements.txt" "$repo/bindep.txt" "$scratch/"
ansible-builder create --file "$scratch/execution-environment.yml" \
    --context "$scratch/context" --output-filename Containerfile >/dev/null

build="$scratch/context/_build"
cmp -s "$repo/requirements.txt" "$build/requirements.txt" \
    || fail "build context lacks the collection's requirements.txt"
cmp -s "$repo/bindep.txt" "$build/bindep.txt" \
    || fail "build context lacks the collection's bindep.txt"
grep -q 'ansible-core' "$scratch/context/Containerfile" \
    || fail "Containerfile does not install ansible-core"

# What an EE that includes ibm.cos would install on its behalf.
found="$(ansible-builder introspect --sanitize "$repo/build/collections")"
while read -r requirement; do
    [[ -z "$requirement" || "$requirement" == \#* ]] && continue
    grep -qF -- "$requirement  # from collection ibm.cos" <<<"$found" \
        || fail "introspection misses '$requirement' from ibm.cos"
done < <(cat "$repo/requirements.txt" "$repo/bindep.txt")
echo "test-ee: build context and introspection carry ibm.cos's requirements"
