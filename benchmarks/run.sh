#!/usr/bin/env bash
# Runs the benchmarks on demand (never in CI): starts a throwaway PostgreSQL cluster like the tests do (but with
# fsync on, as a real server would run) and runs BenchmarkDotNet in Release. Extra arguments go to BenchmarkDotNet,
# e.g. `benchmarks/run.sh --filter '*ScoringEngine*'`; without them every benchmark runs.
# Results: artifacts/benchmarks/results/*.md; copy the numbers into docs/benchmarks.md with the machine and date.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source "$repo/tests/environment.sh"

install_debian_packages
start_throwaway_postgres

args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--filter '*')
dotnet run -c Release --project "$repo/benchmarks/Appraisal.PartyBuilding.Benchmarks" -- "${args[@]}"
