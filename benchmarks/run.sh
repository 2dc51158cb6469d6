#!/usr/bin/env bash
# Runs the benchmarks on demand (never in CI, never from tests/run.sh): starts a throwaway PostgreSQL cluster like the
# tests do (but with fsync on, as a real server would run) and runs the benchmark program in Release. Its verbs:
#   benchmarks/run.sh scale scoring|report|import SIZE [RUNS]  issue 11's goals 1, 4, 5, 7 against their floors, each
#                                                            operation in a process of its own (time, peak RSS)
#   benchmarks/run.sh load BRANCHES [SECONDS] [CLIENTS] [published]  goal 3: ranking page and score card under
#                                                            CLIENTS (50), the period in scoring or published;
#                                                            APPRAISAL_BENCH_LOAD_BUILDS=A.dll:B.dll (web builds, e.g. of
#                                                            an old commit) measures each in turn on the same province,
#                                                            APPRAISAL_BENCH_LOAD_ROUNDS times
#                                                            APPRAISAL_BENCH_LOAD_WARMUP=S runs the clients S seconds
#                                                            (60) before the measured window;
#                                                            APPRAISAL_BENCH_LOAD_VACUUM=1 vacuums the results first,
#                                                            as autovacuum does a minute or two after a scoring;
#                                                            APPRAISAL_BENCH_STATEMENTS=1 also prints PostgreSQL's
#                                                            statements of the measured window (pg_stat_statements:
#                                                            calls, planning and execution time)
#   benchmarks/run.sh scale-out BRANCHES                     goal 2: queued scoring on one node, then on two
#   benchmarks/run.sh --filter '*ScoringEngine*' ...          anything else goes to BenchmarkDotNet
#   benchmarks/run.sh scale import-store ROWS [RUNS]         beside goal 5: the whole import (database half too), no floor
#   benchmarks/run.sh scale rectify SIZE [RUNS]              the final move's rectification lists of SIZE scored
#                                                            branches (bulk-written, rolled back), no floor
#   benchmarks/run.sh scale remind SIZE [RUNS]               the daily reminder run once those lists are stored (every
#                                                            item due in 7 days), no floor
# Without arguments: the BenchmarkDotNet benchmarks, the three sized goals at 10,000, then the start-up comparison.
# Results: artifacts/benchmarks/ (scale.md, load.md, scale-out.md, results/*.md); copy the numbers into
# docs/PERFORMANCE.md with the machine, its load and the date.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source "$repo/tests/environment.sh"

install_debian_packages
if [ -n "${APPRAISAL_BENCH_STATEMENTS:-}" ]; then
  start_throwaway_postgres "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on"
else
  start_throwaway_postgres
fi

project="$repo/benchmarks/Appraisal.PartyBuilding.Benchmarks"
# The load and scale-out verbs start the web app's own Release build as separate processes.
dotnet build -c Release "$repo/src/Appraisal.PartyBuilding.Web" >/dev/null
if [ $# -gt 0 ]; then
  dotnet run -c Release --project "$project" -- "$@"
else
  # The engine is quick enough for BenchmarkDotNet's defaults; a whole period's scoring takes seconds per run, so
  # each run is one invocation and a few iterations suffice.
  dotnet run -c Release --project "$project" -- --filter '*ScoringEngine*' --warmupCount 1 --iterationCount 5
  dotnet run -c Release --no-build --project "$project" -- --filter '*PeriodScoring*' --warmupCount 1 --iterationCount 3 --invocationCount 1 --unrollFactor 1
  for what in scoring report import; do
    dotnet run -c Release --no-build --project "$project" -- scale "$what" 10000 3
  done
  "$repo/benchmarks/startup.sh"
fi
