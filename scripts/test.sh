#!/bin/sh
# The CI command. Builds diplograph with its tests (warnings are errors) and
# runs every test; then builds again with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs the whole suite again; then runs each
# fuzz target for FUZZ_SECONDS (default 60). Stages:
#   DIPLOGRAPH_TEST_STAGES="plain sanitize fuzz" (default: all three)
set -eu
cd "$(dirname "$0")/.."
stages=${DIPLOGRAPH_TEST_STAGES:-plain sanitize fuzz}
jobs=$(nproc)
sh scripts/install-deps.sh

stage_start=0
begin() {
  stage_start=$(date +%s)
  echo "== test.sh: $1"
}
end() {
  echo "== test.sh: $1 took $(($(date +%s) - stage_start)) s"
}

for stage in $stages; do
  case $stage in
    plain)
      begin "build and run the tests"
      cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDIPLOGRAPH_WERROR=ON >/dev/null
      cmake --build build-test -j"$jobs"
      ctest --test-dir build-test --output-on-failure -j"$jobs"
      end "plain build and tests"
      ;;
    sanitize)
      begin "the whole suite under AddressSanitizer + UBSan"
      # Warnings are not errors here: GCC's flow analysis under ASan gives
      # false positives in Boost headers; the plain build is the warning gate.
      cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDIPLOGRAPH_WERROR=OFF \
        -DDIPLOGRAPH_SANITIZE=ON >/dev/null
      cmake --build build-asan -j"$jobs"
      # Any report fails the test that caused it (UB aborts: -fno-sanitize-recover);
      # leaks are checked at exit. The hostile-input tests use a tenth of
      # their sizes here (DIPLOGRAPH_TEST_SMALL): 20 MB lines, 10^5 vertices.
      # Leaks inside Debian's Rasqal are suppressed (test/lsan.supp); ours are not.
      LSAN_OPTIONS=suppressions=$(pwd)/test/lsan.supp:print_suppressions=0 \
      ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0:print_stacktrace=1 \
      UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      DIPLOGRAPH_TEST_SMALL=1 \
        ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 1200
      end "sanitizer build and tests"
      ;;
    fuzz)
      begin "fuzz targets, ${FUZZ_SECONDS:-60} s each"
      sh scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
      end "fuzzing"
      ;;
    *)
      echo "test.sh: unknown stage $stage (plain, sanitize, fuzz)" >&2
      exit 2
      ;;
  esac
done
