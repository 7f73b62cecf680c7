#!/usr/bin/env bash
# Builds the HTML site of the ibm.cos docs into build/docs/html: the plugin and
# role docs, and the guides in docs/docsite (listed in docs/docsite/extra-docs.yml),
# which antsibull-docs puts on the collection's page.
# Any antsibull-docs error or Sphinx warning fails the build.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${DOCS_OUT_DIR:-$repo/build/docs}"
collection="${DOCS_COLLECTION_DIR:-$repo/build/collections/ansible_collections/ibm/cos}"

# Markup, references and semantic markup in the plugin docs and the guides;
# the guides' labels and their references to plugins, options and other guides.
(cd "$collection" && antsibull-docs lint-collection-docs --plugin-docs --check-extra-docs-refs .)
# Every guide is listed in extra-docs.yml; its YAML parses and uses only options the modules document.
python "$here/check_guides.py"

rm -rf "$out"
# antsibull-docs insists its directories be writable by their owner only.
mkdir -p "$out/src/rst"
chmod 0700 "$out" "$out/src" "$out/src/rst"
cp "$here/conf.py" "$here/antsibull-docs.cfg" "$out/src/"
cp "$here/index.rst" "$here/external.rst" "$out/src/rst/"

antsibull-docs --config-file "$out/src/antsibull-docs.cfg" collection \
    --use-current --fail-on-error --dest-dir "$out/src/rst" ibm.cos

sphinx-build -q -W --keep-going -c "$out/src" -b html "$out/src/rst" "$out/html"
echo "docs site: $out/html/index.html"
