#!/usr/bin/env bash
# Start-up benchmark (issue 11, goal 6): time from process start to the first healthy /health, for the app on SQLite
# (an existing, migrated database: the first run creates it and is not counted) and for a bare ASP.NET Core app
# (benchmarks/Appraisal.PartyBuilding.BareHost). Prints each run and the medians; run by benchmarks/run.sh.
# Usage: benchmarks/startup.sh [runs]   (default 7)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$repo/src/Appraisal.PartyBuilding.Web" >/dev/null
dotnet build -c Release "$repo/benchmarks/Appraisal.PartyBuilding.BareHost" >/dev/null
web="$repo/src/Appraisal.PartyBuilding.Web/bin/Release/net10.0/Appraisal.PartyBuilding.Web.dll"
bare="$repo/benchmarks/Appraisal.PartyBuilding.BareHost/bin/Release/net10.0/Appraisal.PartyBuilding.BareHost.dll"

# Milliseconds from starting "$@" until http://127.0.0.1:$port/health answers 200; the process is then stopped.
time_to_healthy() {
  local port="$1"; shift
  local start end pid
  start=$(date +%s%N)
  "$@" --urls "http://127.0.0.1:$port" >"$work/out.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "the process exited:" >&2; cat "$work/out.log" >&2; exit 1; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

app=(dotnet "$web" --Database:Provider=Sqlite "--Database:ConnectionString=Data Source=$work/startup.db" --Scheduler:Enabled=false --Logging:LogLevel:Default=Warning)
time_to_healthy 5391 "${app[@]}" >/dev/null # creates and migrates the database
: >"$work/app.txt"; : >"$work/bare.txt"
for _ in $(seq "$runs"); do
  time_to_healthy 5391 "${app[@]}" >>"$work/app.txt"
  time_to_healthy 5392 dotnet "$bare" --Logging:LogLevel:Default=Warning >>"$work/bare.txt"
done
app_ms=$(median <"$work/app.txt"); bare_ms=$(median <"$work/bare.txt")
echo "app (SQLite) ms: $(tr '\n' ' ' <"$work/app.txt")"
echo "bare ASP.NET Core ms: $(tr '\n' ' ' <"$work/bare.txt")"
echo "median: app ${app_ms} ms, bare ${bare_ms} ms, ratio $(awk -v a="$app_ms" -v b="$bare_ms" 'BEGIN { printf "%.2f", a / b }')"
