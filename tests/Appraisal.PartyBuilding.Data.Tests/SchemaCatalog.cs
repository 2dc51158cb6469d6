using System.Data.Common;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Schema;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// Describes a database's schema from its catalog as sorted lines (tables, columns with type and nullability,
/// keys, foreign keys, indexes), so two databases can be compared line by line.
/// </summary>
internal static class SchemaCatalog
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(DbConnection connection, DatabaseProvider provider)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        var queries = provider == DatabaseProvider.Sqlite ? SqliteQueries : PostgresQueries;
        var lines = new List<string>();
        foreach (var query in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                lines.Add(string.Join(" | ", values.Select(v => v is DBNull ? "null" : v.ToString())));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The prefix of the Quartz scheduler's tables: created by the old script 0008, dropped by a migration.</summary>
    public const string QuartzPrefix = "qrtz_";

    /// <summary><see cref="QuartzPrefix"/> as a LIKE pattern (its underscore escaped).</summary>
    private const string QuartzPattern = "qrtz\\_%";

    private static readonly string Excluded = $"('{SchemaMigrator.LegacyHistoryTable}', '__EFMigrationsHistory', '__EFMigrationsLock', 'sqlite_sequence')";

    /// <summary>A condition on a table-name column: not a bookkeeping table and not one of Quartz's.</summary>
    private static string Ours(string column) => $"{column} NOT IN {Excluded} AND lower({column}) NOT LIKE '{QuartzPattern}' ESCAPE '\\'";

    /// <summary>The Quartz tables a database holds, lower-case without the prefix (e.g. <c>job_details</c>).</summary>
    public static async Task<IReadOnlyList<string>> QuartzTablesAsync(DbConnection connection, DatabaseProvider provider)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProvider.Sqlite
            ? $"SELECT lower(name) FROM sqlite_master WHERE type = 'table' AND lower(name) LIKE '{QuartzPattern}' ESCAPE '\\'"
            : $"SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND lower(table_name) LIKE '{QuartzPattern}' ESCAPE '\\'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0)[QuartzPrefix.Length..]);
        }

        tables.Sort(StringComparer.Ordinal);
        return tables;
    }

    private static readonly string[] SqliteQueries =
    [
        $"SELECT 'table', name FROM sqlite_master WHERE type = 'table' AND {Ours("name")}",
        $"""
        SELECT 'column', m.name, c.name, c.type, c."notnull", c.pk, coalesce(c.dflt_value, '')
        FROM sqlite_master m JOIN pragma_table_info(m.name) c
        WHERE m.type = 'table' AND {Ours("m.name")}
        """,
        $"""
        SELECT 'index', m.name, i.name, i."unique", (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno))
        FROM sqlite_master m JOIN pragma_index_list(m.name) i
        WHERE m.type = 'table' AND {Ours("m.name")} AND i.origin = 'c'
        """,
        $"""
        SELECT 'foreign key', m.name, f."from", f."table", f."to", f.on_delete
        FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
        WHERE m.type = 'table' AND {Ours("m.name")}
        """,
    ];

    private static readonly string[] PostgresQueries =
    [
        $"SELECT 'table', table_name FROM information_schema.tables WHERE table_schema = 'public' AND {Ours("table_name")}",
        $"""
        SELECT 'column', table_name, column_name, data_type, coalesce(character_maximum_length, 0), is_nullable, is_identity, coalesce(column_default, '')
        FROM information_schema.columns WHERE table_schema = 'public' AND {Ours("table_name")}
        """,
        $"SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND {Ours("tablename")}",
        $"""
        SELECT 'constraint', tc.table_name, tc.constraint_name, tc.constraint_type, pg_get_constraintdef(c.oid)
        FROM information_schema.table_constraints tc
        JOIN pg_constraint c ON c.conname = tc.constraint_name
        WHERE tc.table_schema = 'public' AND {Ours("tc.table_name")} AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE')
        """,
    ];
}
