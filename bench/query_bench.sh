#!/bin/sh
# `diplograph query` against Oxigraph (npm, in Node) on the query library
# (examples/queries/*.rq) over generated graphs, side by side in one run.
# Each query is one process on each side, so each time is load + query:
# diplograph from the Turtle ("ttl") and from its index file ("index",
# `diplograph index`), Oxigraph loading the same Turtle. Prints seconds,
# peak RSS (MB) and the ratio diplograph / Oxigraph; not a test.
#
#   sh bench/query_bench.sh                  graphs of about 10^4, 10^5 and 10^6 triples
#   sh bench/query_bench.sh --sizes "0.2 2"  corpus sizes in MB (2 MB -> about 10^5 triples)
#   options: --no-build, --bin PATH, --queries "memberships documents"
#
# Graphs: bench/generate_corpus.py SIZE --seed 1, then `diplograph build`;
# cached in build-bench/query-graphs. Needs test/stores/node_modules
# (npm install --prefix test/stores, as the store tests do).
set -eu
cd "$(dirname "$0")/.."
sizes="0.2 2 21"
build=yes
bin=./build-bench/diplograph
queries=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --no-build) build=no ;;
    --bin) bin="$2"; build=no; shift ;;
    --queries) queries="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "query_bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$build" = yes ]; then
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build build-bench -j2 --target diplograph_cli >/dev/null
fi
[ -d test/stores/node_modules/oxigraph ] || npm install --no-audit --no-fund --prefix test/stores >/dev/null
if [ -z "$queries" ]; then
  for q in examples/queries/*.rq; do queries="$queries $(basename "$q" .rq)"; done
fi
graphs=build-bench/query-graphs
mkdir -p "$graphs"
work=$(mktemp -d "$graphs/run.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

timed() {  # timed OUT_FILE command... ; prints "seconds rss_mb"
  out=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$out" 2>"$work/err" || {
    echo "query_bench.sh: failed: $*" >&2; tail -3 "$work/err" >&2; exit 1; }
  awk '{ printf "%s %.0f", $1, $2 / 1024 }' "$work/time"
}

echo "diplograph $(git rev-parse --short HEAD 2>/dev/null || echo '?') vs Oxigraph $(node -p "require('./test/stores/node_modules/oxigraph/package.json').version"), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-9s %-20s %7s | %7s %6s | %7s %6s | %7s %6s %6s | %6s %6s\n' triples query rows "ttl s" "MB" "index s" "MB" "oxi s" "load" "MB" "ttl x" "idx x"
for s in $sizes; do
  ttl="$graphs/generated-${s}MB-seed1.ttl"
  if [ ! -f "$ttl" ]; then
    python3 bench/generate_corpus.py "$s" "$work/corpus.xml" --seed 1 >/dev/null
    "$bin" build "$work/corpus.xml" -o "$ttl" 2>/dev/null
  fi
  index="$graphs/generated-${s}MB-seed1.dgi"
  [ -f "$index" ] || "$bin" index "$ttl" -o "$index" 2>/dev/null
  triples=$(serdi -i turtle -o ntriples "$ttl" | wc -l)
  for q in $queries; do
    rq=examples/queries/$q.rq
    set -- $(timed "$work/ttl.tsv" "$bin" query "$ttl" "$rq" --format tsv)
    ttl_s=$1 ttl_mb=$2
    set -- $(timed "$work/idx.tsv" "$bin" query "$index" "$rq" --format tsv)
    idx_s=$1 idx_mb=$2
    set -- $(timed "$work/oxi.txt" node bench/oxigraph_query.mjs "$ttl" "$rq")
    oxi_s=$1 oxi_mb=$2
    read -r oxi_load oxi_query oxi_rows < "$work/oxi.txt"
    rows=$(($(wc -l < "$work/ttl.tsv") - 1))
    [ "$oxi_rows" = true ] || [ "$oxi_rows" = false ] && rows=$(cat "$work/ttl.tsv")
    note=""
    [ "$rows" = "$oxi_rows" ] || note="  (Oxigraph: $oxi_rows rows)"
    awk -v t="$triples" -v q="$q" -v r="$rows" -v a="$ttl_s" -v am="$ttl_mb" -v b="$idx_s" -v bm="$idx_mb" \
        -v o="$oxi_s" -v ol="$oxi_load" -v om="$oxi_mb" -v n="$note" 'BEGIN {
      if (o <= 0) o = 0.01
      printf "%-9s %-20s %7s | %7.2f %6s | %7.2f %6s | %7.2f %6.2f %6s | %6.2f %6.2f%s\n", t, q, r, a, am, b, bm, o, ol, om, a / o, b / o, n }'
  done
done
