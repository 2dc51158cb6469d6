#!/usr/bin/env bash
# Regenerates the reviewed SQL scripts a DBA runs, from the EF Core migrations of each provider:
#   db/postgresql/schema.sql  idempotent: brings an empty or older database to the newest schema
#   db/sqlserver/schema.sql   idempotent, the same
#   db/sqlite/schema.sql      plain, for an empty database (EF Core cannot emit idempotent SQLite scripts)
# and the compiled EF Core model of each provider that the app starts with (src/Appraisal.PartyBuilding.Data/CompiledModels).
# Run it after adding a migration (db/add-migration.sh does) or any other model change. SchemaScriptFilesTests and
# CompiledModelFilesTests fail when a file is stale.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dotnet tool restore >/dev/null
project=src/Appraisal.PartyBuilding.Data
dotnet build "$project" -c Debug -v quiet -nologo >/dev/null
script() { # provider folder [--idempotent]
  dotnet ef migrations script --no-build --project "$project" --context "$1MigrationsContext" -o "db/$2/schema.sql" "${@:3}" >/dev/null
  echo "wrote db/$2/schema.sql"
}
script PostgreSql postgresql --idempotent
script SqlServer sqlserver --idempotent
script Sqlite sqlite
compiled() { # provider
  rm -rf "$project/CompiledModels/$1"
  dotnet ef dbcontext optimize --no-build --project "$project" --context AppraisalDbContext \
    --output-dir "CompiledModels/$1" --namespace "Appraisal.PartyBuilding.Data.CompiledModels.$1" -- "$1" >/dev/null
  # The app picks the provider's model itself (DatabaseRegistration); the attribute would bind all three to one context.
  rm "$project/CompiledModels/$1/AppraisalDbContextAssemblyAttributes.cs"
  echo "wrote $project/CompiledModels/$1"
}
compiled Sqlite
compiled PostgreSql
compiled SqlServer
