#!/usr/bin/env bash
# Runs the benchmarks on demand (never in CI): starts a throwaway PostgreSQL cluster like the tests do (but with
# fsync on, as a real server would run) and runs BenchmarkDotNet in Release. Extra arguments go to BenchmarkDotNet,
# e.g. `benchmarks/run.sh --filter '*ScoringEngine*'`; without them every benchmark runs.
# Results: artifacts/benchmarks/results/*.md and artifacts/benchmarks/peak-memory.md; copy the numbers into
# docs/PERFORMANCE.md (issue 11's goals) or docs/benchmarks.md with the machine and date.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source "$repo/tests/environment.sh"

install_debian_packages
start_throwaway_postgres

project="$repo/benchmarks/Appraisal.PartyBuilding.Benchmarks"
if [ $# -gt 0 ]; then
  dotnet run -c Release --project "$project" -- "$@"
else
  # The engine is quick enough for BenchmarkDotNet's defaults; a whole period's scoring takes seconds per run, so
  # each run is one invocation and a few iterations suffice.
  dotnet run -c Release --project "$project" -- --filter '*ScoringEngine*' --warmupCount 1 --iterationCount 5
  dotnet run -c Release --no-build --project "$project" -- --filter '*PeriodScoring*' --warmupCount 1 --iterationCount 3 --invocationCount 1 --unrollFactor 1
  # Issue 11's goals, each against its floor in the same run (the Ratio column); sizes from APPRAISAL_BENCH_BRANCHES.
  dotnet run -c Release --no-build --project "$project" -- --filter '*ScoringFloor*' '*ReportBenchmarks*' '*RecordImport*' --warmupCount 1 --iterationCount 3 --invocationCount 1 --unrollFactor 1
  "$repo/benchmarks/startup.sh"
fi
