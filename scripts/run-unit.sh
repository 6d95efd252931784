#!/usr/bin/env bash
# Runs every unit test binary under BUILD/tests; prints a closing count line.
set -u
build=${1:-build}
pass=0 fail=0
# The binaries of the test sources there are now (not older ones left in the build).
for src in $(find tests/unit -name 'test_*.c' | sort); do
  t="$build/tests/${src#tests/unit/}"
  t="${t%.c}"
  if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FEL: $t"; fi
done
echo "# $build"
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
