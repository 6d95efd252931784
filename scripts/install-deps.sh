#!/usr/bin/env bash
# Installs the Debian packages Samverkan needs to build, run and test,
# asking apt only for those that are not installed yet.
# Usage: scripts/install-deps.sh [run|test|bench]   (default: test)
set -euo pipefail

purpose=${1:-test}

run_pkgs=(make gcc pkg-config libc6-dev
  libmicrohttpd-dev libsqlite3-dev libjansson-dev libsodium-dev
  libcsv-dev libxlsxwriter-dev libpq-dev libzip-dev libexpat1-dev libpango1.0-dev libcairo2-dev libcurl4-openssl-dev fonts-dejavu-core)
test_pkgs=(libcmocka-dev python3 sqlite3 clang libclang-rt-14-dev cppcheck postgresql chromium poppler-utils gdb)
bench_pkgs=(wrk time)

case "$purpose" in
  run)   wanted=("${run_pkgs[@]}") ;;
  test)  wanted=("${run_pkgs[@]}" "${test_pkgs[@]}") ;;
  bench) wanted=("${run_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "install-deps: okänt syfte '$purpose' (run, test eller bench)" >&2; exit 2 ;;
esac

# Browser tests need Node.js; Debian's is enough where the machine has none of its own.
if [[ $purpose != run ]] && ! command -v node >/dev/null 2>&1; then
  wanted+=(nodejs npm)
fi

missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "Installerar saknade paket: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "install-deps: paketen ${missing[*]} saknas och varken root eller sudo finns." >&2
  echo "Installera dem med: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
