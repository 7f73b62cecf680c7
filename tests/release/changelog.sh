#!/usr/bin/env bash
# Lints the changelog fragments and changelog.yaml, then rehearses the release
# in a scratch copy: the notes must render as valid reST and list every module
# and role as new.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

antsibull-changelog lint
antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r galaxy.yml meta plugins roles changelogs "$scratch/"
(cd "$scratch" && antsibull-changelog release)
rstcheck --report-level warning "$scratch/CHANGELOG.rst"

missing=0
for module in plugins/modules/*.py; do
    [[ -e "$module" ]] || continue
    name="$(basename "$module" .py)"
    if ! grep -q "ibm.cos.$name " "$scratch/CHANGELOG.rst"; then
        echo "release notes do not list ibm.cos.$name: give its DOCUMENTATION version_added: <the release that adds it>" >&2
        missing=1
    fi
done
for role in roles/*/meta/argument_specs.yml; do
    [[ -e "$role" ]] || continue
    name="$(basename "$(dirname "$(dirname "$role")")")"
    if ! grep -q "ibm.cos.$name " "$scratch/CHANGELOG.rst"; then
        echo "release notes do not list role ibm.cos.$name: give its entry point version_added" >&2
        missing=1
    fi
done
exit "$missing"
