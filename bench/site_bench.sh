#!/bin/sh
# Time and peak memory of `diplograph site` on generated graphs, beside peers
# on the same graph in the same run: `serdi` reading it (the parsing floor)
# and `diplograph stats` (another command that loads the whole graph).
# Prints a table; not a test.
#
# Each graph: bench/generate_corpus.py SIZE MB with --invented N (invented
# organizations and treaties, so the entity count reaches N and more), then
# `diplograph build -f ntriples`.
#
#   sh bench/site_bench.sh                          sizes "5 100" MB, --invented 100000
#   sh bench/site_bench.sh --sizes "5" --invented 5000
#   options: --no-drawings (also time the site without Graphviz), --bin PATH, --no-build,
#            --keep (leave the last site in build-bench/site-bench/), --clean
set -eu
cd "$(dirname "$0")/.."
sizes="5 100"
invented=100000
build=yes
bin=./build-bench/diplograph
also_plain=no
keep=no
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --invented) invented="$2"; shift ;;
    --no-build) build=no ;;
    --bin) bin="$2"; build=no; shift ;;
    --no-drawings) also_plain=yes ;;
    --keep) keep=yes ;;
    --clean) rm -rf build-bench/site-bench; echo "removed build-bench/site-bench"; exit 0 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "site_bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$build" = yes ]; then
  sh scripts/install-deps.sh >/dev/null
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build build-bench -j"$(nproc)" --target diplograph_cli >/dev/null
fi
work=build-bench/site-bench
mkdir -p "$work"
rm -rf "$work/site" "$work"/.site.site-*

now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }

echo "diplograph $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-10s %9s %8s %8s %9s %8s %8s %8s %8s %7s %8s %8s\n' \
  corpus triples entities docs run seconds "RSS MB" files "site MB" "us/ent" "serdi s" "stats s"
for size in $sizes; do
  corpus="$work/corpus-${size}MB-inv${invented}.xml"
  graph="$work/graph-${size}MB-inv${invented}.nt"
  [ -f "$corpus" ] || python3 bench/generate_corpus.py "$size" "$corpus" --invented "$invented"
  [ -f "$graph" ] || "$bin" build "$corpus" -f ntriples -q -o "$graph"
  triples=$(wc -l < "$graph")
  cat "$graph" > /dev/null  # warm page cache for every run below
  start=$(now); serdi -i ntriples -o ntriples "$graph" > /dev/null; serdi_s=$(since "$start")
  start=$(now); "$bin" stats "$graph" > /dev/null; stats_s=$(since "$start")
  runs="drawings"
  [ "$also_plain" = yes ] && runs="drawings no-drawings"
  for run in $runs; do
    flag=""
    [ "$run" = no-drawings ] && flag="--no-drawings"
    rm -rf "$work/site"
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" site "$graph" -o "$work/site" $flag 2>"$work/summary" || {
      echo "site_bench.sh: diplograph site failed on $graph:" >&2; tail -3 "$work/summary" >&2; exit 1; }
    read -r secs rss_kb < "$work/time"
    line=$(grep '^diplograph: site' "$work/summary")
    entities=$(echo "$line" | sed -n 's/.*: \([0-9]*\) entities.*/\1/p')
    docs=$(echo "$line" | sed -n 's/.* \([0-9]*\) documents.*/\1/p')
    files=$(echo "$line" | sed -n 's/.*-> \([0-9]*\) files.*/\1/p')
    megabytes=$(echo "$line" | sed -n 's/.* \([0-9.]*\) MB$/\1/p')
    awk -v c="${size} MB" -v t="$triples" -v e="$entities" -v d="$docs" -v r="$run" -v s="$secs" -v m="$rss_kb" \
        -v f="$files" -v b="$megabytes" -v z="$serdi_s" -v st="$stats_s" 'BEGIN {
      printf "%-10s %9d %8d %8d %9s %8.1f %8.0f %8d %8.1f %7.0f %8.2f %8.2f\n", c, t, e, d, r, s, m/1024, f, b, s*1e6/(e+d), z, st }'
  done
done
[ "$keep" = yes ] || rm -rf "$work/site"
