#!/bin/sh
# Throughput and memory of `diplograph build` on real wikitext, beside the
# floor (`cat`, `wc -w`) on the same bytes. Prints a table; not a test.
#
#   sh bench/throughput.sh [SIZES_MB...]     (default: 6 (the real excerpt) 100)
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bzcat bench/data/enwiki-sample.xml.bz2 > "$work/sample.xml"
sizes=${*:-"0 100"}
printf '%-30s %9s %9s %9s %10s %10s %9s %9s\n' input MB seconds MB/s pages/s triples/s "RSS MB" "x wc -w"
for size in $sizes; do
  if [ "$size" = 0 ]; then
    input="$work/sample.xml"; name="enwiki excerpt"
  else
    input="$work/corpus-$size.xml"; name="excerpt x -> ${size} MB"
    python3 bench/make_corpus.py "$work/sample.xml" "$size" "$input"
  fi
  mb=$(du -m --apparent-size "$input" | cut -f1)
  bytes=$(stat -c %s "$input")
  elapsed() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN { printf "%.3f", a - b }'; }
  start=$(date +%s.%N); wc -w "$input" >/dev/null; wc_s=$(elapsed "$start")
  start=$(date +%s.%N); cat "$input" >/dev/null; cat_s=$(elapsed "$start")
  for jobs in 1 "$(nproc)"; do
    /usr/bin/time -f '%e %M' -o "$work/time" ./build-bench/diplograph build "$input" -f ntriples --jobs "$jobs" -o "$work/out.nt" 2>"$work/summary" >/dev/null
    read -r secs rss_kb < "$work/time"
    pages=$(grep -o '^diplograph: [0-9]* document' "$work/summary" | grep -o '[0-9]*' || echo 0)
    triples=$(wc -l < "$work/out.nt")
    awk -v n="$name, --jobs $jobs" -v b="$bytes" -v s="$secs" -v p="$pages" -v t="$triples" -v r="$rss_kb" -v w="$wc_s" \
      'BEGIN { if (s <= 0) s = 0.001; printf "%-30s %9.1f %9.2f %9.1f %10.0f %10.0f %9.0f %9.1f\n", n, b/1048576, s, b/1048576/s, p/s, t/s, r/1024, s/w }'
  done
  echo "  (floor on the same bytes: cat ${cat_s}s, wc -w ${wc_s}s)"
done
