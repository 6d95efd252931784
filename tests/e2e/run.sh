#!/usr/bin/env bash
# Runs the browser tests and prints "e2e: N passed, M failed" and where the screenshots are.
set -uo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
export SAMVERKAN_BIN=${SAMVERKAN_BIN:-$root/build/samverkan}
export E2E_OUT=${E2E_OUT:-$root/test-output/e2e}
[[ -d node_modules/playwright-core && -d node_modules/axe-core ]] || npm ci --no-audit --no-fund >/dev/null
out=$(mktemp)
node --test --test-reporter=spec e2e.test.mjs 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
pass=$(grep -E '^ℹ pass [0-9]+' "$out" | awk '{print $3}')
fail=$(grep -E '^ℹ fail [0-9]+' "$out" | awk '{print $3}')
rm -f "$out"
echo "Skärmbilder: $E2E_OUT/screenshots"
echo "e2e: ${pass:-0} passed, ${fail:-1} failed"
exit $rc
