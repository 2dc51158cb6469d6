#!/usr/bin/env bash
# Adds an EF Core migration with the same name to the migration set of every provider (SQLite, PostgreSQL,
# SQL Server) after a change to the model, then regenerates the reviewed SQL scripts of db/.
#   db/add-migration.sh AddVetoColumn
# Read the three generated migrations (src/Appraisal.PartyBuilding.Data/Migrations/{Sqlite,PostgreSql,SqlServer})
# before committing: a rename shows up as a drop and an add, and data moves are written by hand.
set -euo pipefail

if [ $# -ne 1 ] || [[ ! "$1" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "usage: db/add-migration.sh MigrationName   (PascalCase, e.g. AddVetoColumn)" >&2
  exit 2
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dotnet tool restore >/dev/null
project=src/Appraisal.PartyBuilding.Data
dotnet build "$project" -c Debug -v quiet -nologo >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  echo "==> $provider"
  dotnet ef migrations add "$1" --no-build --project "$project" --context "${provider}MigrationsContext" \
    --output-dir "Migrations/$provider"
done
# The migrations are new code: build again so the scripts include them.
"$repo/db/generate.sh"
