#!/usr/bin/env bash
# Start-up benchmark (issue 11, goal 6): time from process start to the first healthy /health, for the app on SQLite
# (an existing, migrated database: the first run creates it and is not counted) and for a bare ASP.NET Core app
# (benchmarks/Appraisal.PartyBuilding.BareHost), runs interleaved. The app is measured as built (JIT, tiered PGO on,
# the .NET default), with tiered PGO off (DOTNET_TieredPGO=0: no instrumented tier while starting), published
# ReadyToRun (`dotnet publish -r linux-x64 -p:PublishReadyToRun=true`: the app's and its packages' code precompiled),
# and ReadyToRun with tiered PGO off. Prints each run and the medians with their ratio to the bare app.
# Usage: benchmarks/startup.sh [runs]   (default 7; the ReadyToRun publish takes minutes the first time)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$repo/src/Appraisal.PartyBuilding.Web" >/dev/null
dotnet build -c Release "$repo/benchmarks/Appraisal.PartyBuilding.BareHost" >/dev/null
r2r="$repo/artifacts/benchmarks/startup-readytorun"
dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$r2r" "$repo/src/Appraisal.PartyBuilding.Web" >/dev/null
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

settings=(--Database:Provider=Sqlite "--Database:ConnectionString=Data Source=$work/startup.db" --Scheduler:Enabled=false --Logging:LogLevel:Default=Warning
  "--Audit:ChainKey=start-up benchmark audit chain key, not a secret")
declare -A command=(
  [app]="dotnet $web"
  [app-pgo-off]="env DOTNET_TieredPGO=0 dotnet $web"
  [app-r2r]="dotnet $r2r/Appraisal.PartyBuilding.Web.dll"
  [app-r2r-pgo-off]="env DOTNET_TieredPGO=0 dotnet $r2r/Appraisal.PartyBuilding.Web.dll"
)
variants=(app app-pgo-off app-r2r app-r2r-pgo-off)

# shellcheck disable=SC2086 # the commands are split into words on purpose
time_to_healthy 5391 ${command[app]} "${settings[@]}" >/dev/null # creates and migrates the database
for v in "${variants[@]}" bare; do : >"$work/$v.txt"; done
for _ in $(seq "$runs"); do
  for v in "${variants[@]}"; do
    # shellcheck disable=SC2086
    time_to_healthy 5391 ${command[$v]} "${settings[@]}" >>"$work/$v.txt"
  done
  time_to_healthy 5392 dotnet "$bare" --Logging:LogLevel:Default=Warning >>"$work/bare.txt"
done

bare_ms=$(median <"$work/bare.txt")
echo "$(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each"
echo "bare ASP.NET Core ms: $(tr '\n' ' ' <"$work/bare.txt")— median $bare_ms"
for v in "${variants[@]}"; do
  ms=$(median <"$work/$v.txt")
  echo "$v ms: $(tr '\n' ' ' <"$work/$v.txt")— median $ms, ratio $(awk -v a="$ms" -v b="$bare_ms" 'BEGIN { printf "%.2f", a / b }')"
done
