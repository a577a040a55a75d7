#!/bin/sh
# Throughput and memory of `diplograph build -f ntriples` on generated and real
# MediaWiki XML, beside the floor on the same bytes in the same run: `cat` and
# `wc -w` of the input, and `serdi` re-serializing the N-Triples produced.
# Prints a table; not a test. "MB/cpu" is MB per CPU second (user + sys of
# diplograph), the per-core speed, which stays meaningful on a busy machine
# where wall-clock figures do not; the multiples are wall time over wall time.
#
#   sh bench/throughput.sh                 generated 10, 100, 1000 MB; the real excerpt; excerpt x -> 100 MB
#   sh bench/throughput.sh --quick         generated 10 MB and the real excerpt only
#   sh bench/throughput.sh --sizes "10 100" --no-excerpt
#   sh bench/throughput.sh --sizes "" --excerpt-sizes "100 1000"   (the excerpt repeated to 100 MB and 1 GB)
#   options: --jobs "1 2" (default "1 $(nproc)"), --no-build, --bin PATH (measure that
#   binary instead of building build-bench/diplograph), --clean (delete cached corpora and exit)
#
# Generated corpora are cached in build-bench/corpora (named by size and seed),
# so a rerun does not regenerate them; `--clean` removes them.
set -eu
cd "$(dirname "$0")/.."
sizes="10 100 1000"
excerpt=yes
excerpt_sizes="100"
build=yes
bin=./build-bench/diplograph
jobs_list="1 $(nproc)"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) sizes="10" ;;
    --sizes) sizes="$2"; shift ;;
    --no-excerpt) excerpt=no ;;
    --excerpt-sizes) excerpt_sizes="$2"; shift ;;
    --jobs) jobs_list="$2"; shift ;;
    --no-build) build=no ;;
    --bin) bin="$2"; build=no; shift ;;
    --clean) rm -rf build-bench/corpora; echo "removed build-bench/corpora"; exit 0 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "throughput.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$build" = yes ]; then
  sh scripts/install-deps.sh >/dev/null
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build build-bench -j"$(nproc)" --target diplograph_cli >/dev/null
fi
corpora=build-bench/corpora
mkdir -p "$corpora"
work=$(mktemp -d "$corpora/run.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# Enough disk for the largest corpus, its N-Triples (about 1.5x the input on
# real wikitext, 7x on the fact-dense generated corpus) and slack.
largest=0
for s in $sizes $excerpt_sizes; do [ "$s" -gt "$largest" ] && largest=$s; done
free_mb=$(df -Pm "$corpora" | awk 'NR == 2 { print $4 }')
if [ "$free_mb" -lt $((largest * 9 + 500)) ]; then
  echo "throughput.sh: $free_mb MB free in $corpora, need about $((largest * 9 + 500)) MB for $largest MB" >&2
  exit 1
fi

corpus_list=""
for s in $sizes; do
  f="$corpora/generated-${s}MB-seed1.xml"
  [ -f "$f" ] || python3 bench/generate_corpus.py "$s" "$f" --seed 1
  corpus_list="$corpus_list generated:$s:$f"
done
if [ "$excerpt" = yes ]; then
  f="$corpora/enwiki-sample.xml"
  [ -f "$f" ] || bzcat bench/data/enwiki-sample.xml.bz2 > "$f"
  corpus_list="$corpus_list excerpt:0:$f"
  for s in $excerpt_sizes; do
    g="$corpora/enwiki-sample-x-${s}MB.xml"
    [ -f "$g" ] || python3 bench/make_corpus.py "$f" "$s" "$g"
    corpus_list="$corpus_list excerpt-x:$s:$g"
  done
fi

now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.3f", a - b }'; }

echo "diplograph $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-28s %4s %6s %8s %6s %7s %8s %10s %7s %6s %6s %7s\n' input jobs MB seconds MB/s "MB/cpu" pages/s triples/s "RSS MB" "x cat" "x wc-w" "x serdi"
for entry in $corpus_list; do
  kind=${entry%%:*}; rest=${entry#*:}; size=${rest%%:*}; input=${rest#*:}
  case "$kind" in
    generated) name="generated ${size} MB" ;;
    excerpt) name="enwiki excerpt" ;;
    *) name="enwiki excerpt x -> ${size} MB" ;;
  esac
  bytes=$(stat -c %s "$input")
  # The floor, measured now, on the same bytes (warm page cache for all).
  cat "$input" > /dev/null
  start=$(now); cat "$input" > /dev/null; cat_s=$(since "$start")
  start=$(now); wc -w "$input" > /dev/null; wc_s=$(since "$start")
  for jobs in $jobs_list; do
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$bin" build "$input" -f ntriples --jobs "$jobs" -o "$work/out.nt" 2>"$work/summary" >/dev/null || {
      echo "throughput.sh: diplograph failed on $input:" >&2; tail -5 "$work/summary" >&2; exit 1; }
    read -r secs rss_kb user_s sys_s < "$work/time"
    pages=$(grep -o '^diplograph: [0-9]* document' "$work/summary" | grep -o '[0-9][0-9]*' || echo 0)
    triples=$(wc -l < "$work/out.nt")
    start=$(now); serdi -i ntriples -o ntriples "$work/out.nt" > /dev/null; serdi_s=$(since "$start")
    awk -v n="$name" -v j="$jobs" -v b="$bytes" -v s="$secs" -v p="$pages" -v t="$triples" -v r="$rss_kb" -v u="$user_s" -v y="$sys_s" \
        -v c="$cat_s" -v w="$wc_s" -v z="$serdi_s" 'BEGIN {
      if (s <= 0) s = 0.01; if (c <= 0) c = 0.001; if (w <= 0) w = 0.001; if (z <= 0) z = 0.001
      cpu = u + y; if (cpu <= 0) cpu = 0.01
      printf "%-28s %4s %6.1f %8.2f %6.1f %7.1f %8.0f %10.0f %7.0f %6.0f %6.1f %7.1f\n", n, j, b/1048576, s, b/1048576/s, b/1048576/cpu, p/s, t/s, r/1024, s/c, s/w, s/z }'
    rm -f "$work/out.nt"
  done
  echo "  floor on the same bytes: cat ${cat_s}s, wc -w ${wc_s}s; serdi on the output: ${serdi_s}s (last run)"
done
