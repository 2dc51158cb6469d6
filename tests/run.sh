#!/usr/bin/env bash
# The test command (README "Tests"). On a fresh Debian 12 machine it installs what the tests need
# (PostgreSQL and Chromium from Debian's packages), starts a throwaway PostgreSQL cluster in a temporary
# folder, builds everything (the web build installs its npm packages) and runs every test.
# Exits non-zero on any failure. Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source "$repo/tests/environment.sh"

install_debian_packages
# Durability is not under test: fsync off makes the many throwaway databases quick to create.
start_throwaway_postgres "-c fsync=off"

echo "==> building and testing"
dotnet test "$repo/Appraisal.PartyBuilding.sln" -c Release "$@"
