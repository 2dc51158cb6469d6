# Sourced by tests/run.sh and benchmarks/run.sh: installs what the tests and benchmarks need from Debian's
# packages (PostgreSQL, Chromium, CJK fonts) when missing, and starts a throwaway PostgreSQL cluster in
# a temporary folder (Unix socket only), exporting APPRAISAL_TEST_POSTGRES. The cluster is removed on exit.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_debian_packages() {
  local need=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  # Chinese glyphs for the screenshots the browser tests save.
  [ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -gt 0 ]; then
    echo "==> installing Debian packages: ${need[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

# start_throwaway_postgres [extra server options, e.g. "-c fsync=off"]
start_throwaway_postgres() {
  pgbin="$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")"
  pgwork="$(mktemp -d -t appraisal-pg-XXXXXX)"
  run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pgwork"; fi
  trap 'run_pg "$pgbin/pg_ctl" -D "$pgwork/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgwork"' EXIT

  echo "==> starting a throwaway PostgreSQL cluster in $pgwork"
  run_pg "$pgbin/initdb" -D "$pgwork/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # Unix socket only, inside the temporary folder: no port to collide with anything else on the machine.
  run_pg "$pgbin/pg_ctl" -D "$pgwork/data" -l "$pgwork/postgres.log" -w \
    -o "-c listen_addresses='' -k $pgwork -c max_connections=200 ${1:-}" start >/dev/null
  export APPRAISAL_TEST_POSTGRES="Host=$pgwork;Username=postgres;Database=postgres;Pooling=true"
}
