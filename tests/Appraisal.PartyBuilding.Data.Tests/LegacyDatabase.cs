using System.Data.Common;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Schema;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// Builds a database as releases before EF Core migrations did: the numbered scripts 0001-0010 (kept in
/// <c>LegacyScripts/</c> exactly as they shipped), each recorded in <c>__SchemaVersions</c>.
/// </summary>
internal static class LegacyDatabase
{
    public static async Task BuildAsync(TestDatabase database, IEnumerable<string>? only = null)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "LegacyScripts", database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgresql");
        var scripts = Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal)
            .Where(f => only is null || only.Contains(Path.GetFileName(f)[..4]));
        await using var context = database.NewContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"""
            CREATE TABLE "{SchemaMigrator.LegacyHistoryTable}" (
                "Version" varchar(20) NOT NULL PRIMARY KEY,
                "Script" varchar(200) NOT NULL,
                "Checksum" varchar(64) NOT NULL,
                "AppliedAt" varchar(40) NOT NULL)
            """);
        foreach (var script in scripts)
        {
            var name = Path.GetFileName(script);
            await ExecuteAsync(connection, await File.ReadAllTextAsync(script));
            await ExecuteAsync(connection, $"""INSERT INTO "{SchemaMigrator.LegacyHistoryTable}" VALUES ('{name[..4]}', '{name}', 'not checked', '2026-01-01T00:00:00Z')""");
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
