#!/bin/sh
# Scores diplograph on the real-document corpus (test/corpus): builds one
# graph per split and compares it with the gold written before the first run.
#   sh scripts/eval-corpus.sh [BIN] [--diff-dev]
# Prints per-document scores and one total per split (dev, blind). Only the
# dev split's misses may be read (--diff-dev); the blind split's never are.
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/diplograph}
OUT=${DIPLOGRAPH_EVAL_OUT:-build/corpus-eval}
mkdir -p "$OUT"
"$BIN" build -q test/corpus/dev -o "$OUT/dev.ttl"
"$BIN" build -q test/corpus/blind -o "$OUT/blind.ttl"
"$BIN" eval "$OUT/dev.ttl" test/corpus/gold/dev/*.tsv > "$OUT/dev.txt" || true
"$BIN" eval "$OUT/blind.ttl" test/corpus/gold/blind/*.tsv > "$OUT/blind.txt" || true
if [ "${2:-}" = "--diff-dev" ]; then
  "$BIN" eval --diff "$OUT/dev.ttl" test/corpus/gold/dev/*.tsv > "$OUT/dev-diff.txt" || true
fi
echo "== dev split"; grep "(all)" "$OUT/dev.txt"
echo "== blind split (scores only)"; grep "(all)" "$OUT/blind.txt"
