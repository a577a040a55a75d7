#!/bin/sh
# CTest shacl_crosscheck: diplograph validate against rdf-validate-shacl.
#   sh test/shacl/run.sh DIPLOGRAPH SOURCE_DIR
# Installs the pinned npm packages (package-lock.json) into test/shacl/node_modules
# on first use; needs only node, npm and the npm registry.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
cli=$1
src=$2
command -v node >/dev/null || { echo "shacl_crosscheck: node is not installed (apt-get install nodejs)" >&2; exit 1; }
if [ ! -f "$dir/node_modules/rdf-validate-shacl/package.json" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
status=0
node "$dir/crosscheck.mjs" "$cli" "$src/ontology/shapes.ttl" "$src/ontology/diplograph.ttl" \
  "$src/out/graph.ttl" --expect conforms || status=1
node "$dir/crosscheck.mjs" "$cli" "$src/ontology/shapes.ttl" "$src/ontology/diplograph.ttl" \
  "$src/test/data/validate/broken_graph.ttl" --expect violations || status=1
exit $status
