#!/bin/sh
# Builds the libFuzzer targets in test/fuzz/ with clang (ASan + UBSan) and
# runs each for SECONDS (default 60), as many at once as there are cores.
# Fails if any target finds a crash, a leak, a timeout or runs out of memory;
# the input that did it is kept in build-fuzz/artifacts/.
#   sh scripts/fuzz.sh            # 60 s per target (CI)
#   sh scripts/fuzz.sh 3600       # an hour per target
#   FUZZ_TARGETS="reader_xml_fuzz dates_fuzz" sh scripts/fuzz.sh 600
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=${FUZZ_JOBS:-$(nproc)}
dir=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDIPLOGRAPH_FUZZ=ON \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)" --target fuzz_targets
targets=${FUZZ_TARGETS:-$(cd test/fuzz && ls *_fuzz.cpp | sed 's/\.cpp$//')}
mkdir -p "$dir/artifacts" "$dir/logs"
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

run_one() {
  t=$1
  # New inputs go to build-fuzz/corpus/<target>; test/fuzz/corpus stays the small seed set.
  mkdir -p "$dir/corpus/$t"
  seeds=test/fuzz/corpus/$t
  [ -d "$seeds" ] || seeds=
  # Known crashers first: each must now pass.
  regressions=$(ls test/fuzz/regressions/"$t"-* 2>/dev/null || true)
  if [ -n "$regressions" ]; then
    "$dir/$t" -rss_limit_mb=2048 -timeout=20 $regressions >"$dir/logs/$t.regressions.log" 2>&1 || return 1
  fi
  "$dir/$t" -max_total_time="$seconds" -max_len=32768 -rss_limit_mb=2048 -timeout=20 \
    -artifact_prefix="$dir/artifacts/$t-" -print_final_stats=1 \
    "$dir/corpus/$t" $seeds >"$dir/logs/$t.log" 2>&1
}

# Waits for the running batch and reports each target.
collect() {
  set -- $names
  for p in $pids; do
    if wait "$p"; then result=ok; else result=FAILED; status=1; fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/logs/$1.log" 2>/dev/null | grep -o '[0-9]*$' || true)
    echo "fuzz: $1: $result (${seconds} s, ${runs:-0} runs)"
    [ "$result" = ok ] || tail -n 40 "$dir/logs/$1.log" "$dir/logs/$1.regressions.log" 2>/dev/null || true
    shift
  done
  running=0
  pids=
  names=
}

status=0
running=0
pids=
names=
for t in $targets; do
  run_one "$t" &
  pids="$pids $!"
  names="$names $t"
  running=$((running + 1))
  [ "$running" -lt "$jobs" ] || collect
done
collect
if [ "$status" -ne 0 ]; then
  echo "fuzz: findings; inputs in $dir/artifacts/, logs in $dir/logs/" >&2
fi
exit "$status"
