#!/usr/bin/env bash
# The test command (README "Tests"). On a fresh Debian 12 machine it installs what the tests need
# (PostgreSQL and Chromium from Debian's packages), starts a throwaway PostgreSQL cluster in a temporary
# folder, builds everything (the web build installs its npm packages) and runs every test.
# Exits non-zero on any failure. Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -e /usr/lib/x86_64-linux-gnu/libsqlite3.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libsqlite3.so.0 ] || need+=(libsqlite3-0)
# Chinese glyphs for the screenshots the browser tests save.
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${need[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

pgbin="$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")"
work="$(mktemp -d -t appraisal-tests-XXXXXX)"
pg_user="$(id -un)"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; pg_user=postgres; fi

cleanup() {
  run_pg "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> starting a throwaway PostgreSQL cluster in $work"
run_pg "$pgbin/initdb" -D "$work/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# Unix socket only, inside the temporary folder: no port to collide with anything else on the machine.
run_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
  -o "-c listen_addresses='' -k $work -c fsync=off -c max_connections=200" start >/dev/null
export APPRAISAL_TEST_POSTGRES="Host=$work;Username=postgres;Database=postgres;Pooling=true"

echo "==> building and testing"
dotnet test "$repo/Appraisal.PartyBuilding.sln" -c Release "$@"
