#!/bin/sh
# Regenerates examples/queries/expected/*.tsv from out/graph.ttl with
# `diplograph query` after out/graph.ttl changed. The test (test/query_test.cpp)
# only compares; review the diff (git diff examples/queries/expected) before
# committing: the expected files are the reference.
# Usage: sh examples/queries/update-expected.sh [path/to/diplograph]
set -eu
cd "$(dirname "$0")/../.."
bin=${1:-build/diplograph}
for q in examples/queries/*.rq; do
  name=$(basename "$q" .rq)
  "$bin" query out/graph.ttl "$q" --format tsv > "examples/queries/expected/$name.tsv"
done
git diff --stat -- examples/queries/expected 2>/dev/null || true
