#!/usr/bin/env bash
# make test: builds, runs every test twice (normal build, then ASan+UBSan with leak
# detection), the HTTP suite each time against SQLite and against a PostgreSQL server it
# starts itself, and a bounded kill -9 crash loop on both; runs cppcheck and each fuzz
# target over its corpus, then prints one
# closing line "N passed, M failed" over all of it.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TZ=Europe/Stockholm
log=$(mktemp)
passed=0 failed=0

count() { # adds the numbers of a runner's closing line "name: N passed, M failed"
  local line
  line=$(grep -E '^[a-z0-9]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [[ -z $line ]]; then failed=$((failed + 1)); return; fi
  passed=$((passed + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")))
}

step() { # a single check that passes or fails as a whole
  local name=$1; shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FEL: $name"; fi
}

for san in 0 1; do
  build=build; [[ $san == 1 ]] && build=build-san
  echo "== bygger ($build)"
  units=$(find tests/unit -name "test_*.c" | sort | sed "s|tests/unit/\(.*\)\.c|$build/tests/\1|")
  if ! make --no-print-directory -j"$jobs" SAN=$san "$build/samverkan" $units >"$log" 2>&1; then
    cat "$log"; echo "bygget misslyckades"; failed=$((failed + 1)); continue
  fi
  echo "== enhetstester ($build)"
  scripts/run-unit.sh "$build" 2>&1 | tee "$log"; count
  echo "== HTTP-tester ($build, SQLite)"
  python3 tests/http/run.py --binary "$build/samverkan" 2>&1 | tee "$log"; count
  echo "== HTTP-tester ($build, PostgreSQL)"
  python3 tests/http/run.py --binary "$build/samverkan" --postgres 2>&1 | tee "$log"; count
  if [[ $san == 0 ]]; then
    # kill -9 under concurrent writers; the long run is make soak
    for backend in "" --postgres; do
      echo "== kraschtest ($build ${backend:-SQLite})"
      python3 tests/crash/crash_loop.py --binary "$build/samverkan" $backend --cycles "${CRASH_CYCLES:-15}" 2>&1 | tee "$log"; count
    done
    echo "== webbläsartester (Chromium, axe-core; $build)"
    (cd tests/e2e && npm ci --no-audit --no-fund >/dev/null 2>&1 || npm ci --no-audit --no-fund)
    SAMVERKAN_BIN="$PWD/$build/samverkan" E2E_OUT="$PWD/test-output/e2e" tests/e2e/run.sh 2>&1 | tee "$log"; count
  fi
done

step "cppcheck" make --no-print-directory check
step "fuzz (libFuzzer över korpusen)" env FUZZ_SECONDS="${FUZZ_SECONDS:-15}" make --no-print-directory fuzz-run
rm -f "$log"
echo
echo "Skärmbilder från webbläsartesterna: $PWD/test-output/e2e/screenshots"
echo "total: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
