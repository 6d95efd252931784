#!/usr/bin/env bash
# Runs every unit test binary under BUILD/tests; prints a closing count line.
set -u
build=${1:-build}
pass=0 fail=0
for t in $(find "$build/tests" -type f -name 'test_*' | sort); do
  if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FEL: $t"; fi
done
echo "# $build"
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
