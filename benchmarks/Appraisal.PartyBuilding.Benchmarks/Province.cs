using System.Data.Common;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// A generated province written in bulk, bypassing EF Core (which took over 20 minutes for 100,000 branches):
/// <see cref="Regions"/> 党委 under the root (the subtrees that scoring jobs split a period into), the branches spread
/// over them round-robin, their party groups and about ten meeting records per branch in
/// <see cref="GeneratedOrganization.Quarter"/>, with the same distributions as <see cref="GeneratedOrganization"/>.
/// PostgreSQL: binary <c>COPY</c>; SQLite: one prepared insert per table reused in one transaction. Ids are assigned
/// here (the identities are moved past them afterwards) so that records can name their branch without a round trip.
/// </summary>
internal static class Province
{
    public const int Regions = 8;

    private static readonly string[] Categories =
        ["one-plus-n/management", "one-plus-n/operations", "one-plus-n/marketing", "one-plus-n/support", "community/rural", "community/urban"];

    private static readonly MeetingType[] Types =
        [MeetingType.Committee, MeetingType.ThemeDay, MeetingType.Assembly, MeetingType.Lecture, MeetingType.Group];

    private static readonly long CreatedAt = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>The code of the i-th generated branch (the secretary of <c>BranchCode(0)</c> signs in in the load test).</summary>
    public static string BranchCode(int i) => $"GEN{i:D6}";

    public static string RegionCode(int r) => $"R{r + 1:D2}";

    /// <summary>Writes the province under the root organization; returns the number of meeting records written.</summary>
    public static async Task<long> WriteAsync(DatabaseOptions options, int branches, int seed = 1000)
    {
        await using DbConnection connection = options.Provider switch
        {
            // No command timeout: completing the COPY of 3 million records outlasts the default 30 s on a loaded machine.
            DatabaseProvider.PostgreSql => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { CommandTimeout = 0 }.ConnectionString),
            DatabaseProvider.Sqlite => new SqliteConnection(options.ConnectionString),
            _ => throw new NotSupportedException(options.Provider.ToString()),
        };
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var (rootId, rootPath) = await RootAsync(connection, transaction);
        var firstId = await ScalarAsync(connection, transaction, """SELECT MAX("Id") FROM "Organizations" """) + 1;
        var firstRegion = (int)firstId;
        var firstBranch = firstRegion + Regions;
        var regions = Enumerable.Range(0, Regions)
            .Select(r => new OrganizationRow(firstRegion + r, RegionCode(r), $"生成第{r + 1}片区党委", rootId, "PartyCommittee", $"{rootPath}{RegionCode(r)}/", null, 0, 0))
            .ToList();

        long records;
        if (connection is NpgsqlConnection postgres)
        {
            records = await CopyAsync(postgres, regions, Generate(branches, seed, firstBranch, regions));
            foreach (var table in new[] { "Organizations", "PartyGroups", "MeetingRecords" })
            {
                await ExecuteAsync(connection, transaction, $"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), (SELECT MAX("Id") FROM "{table}"))""");
            }
        }
        else
        {
            records = await InsertAsync((SqliteConnection)connection, (SqliteTransaction)transaction, regions, Generate(branches, seed, firstBranch, regions));
        }

        await transaction.CommitAsync();
        await ExecuteAsync(connection, null, "ANALYZE");
        return records;
    }

    /// <summary>Branch by branch, deterministically: enumerating it again gives the same rows (one pass per table).</summary>
    private static IEnumerable<BranchRows> Generate(int count, int seed, int firstId, List<OrganizationRow> regions)
    {
        var random = new Random(seed);
        long recordId = 0;
        var groupId = 0;
        for (var i = 0; i < count; i++)
        {
            var region = regions[i % regions.Count];
            var members = random.Next(3, 40);
            var code = BranchCode(i);
            var id = firstId + i;
            var branch = new OrganizationRow(id, code, $"生成第{i}党支部", region.Id, "Branch", $"{region.Path}{code}/", Categories[i % Categories.Length], members, members < 7 ? 0 : 3);
            var groups = Enumerable.Range(1, members >= 12 ? random.Next(1, 4) : 0).Select(g => (Id: ++groupId, Name: $"第{g}组")).ToList();
            var records = new List<RecordRow>();
            foreach (var month in GeneratedOrganization.Quarter.Months)
            {
                foreach (var type in Types)
                {
                    if (random.NextDouble() < 0.7)
                    {
                        var expected = type == MeetingType.Committee ? 3 : members;
                        var date = new DateOnly(GeneratedOrganization.Quarter.Year, month, random.Next(1, 29));
                        var present = random.Next(0, expected + 1);
                        var group = type == MeetingType.Group && groups.Count > 0 ? groups[random.Next(groups.Count)].Name : null;
                        var status = random.NextDouble() < 0.05 ? RecordStatus.Returned : RecordStatus.Approved;
                        records.Add(new RecordRow(++recordId, id, type.ToString(), date, expected, present, group, status.ToString()));
                    }
                }
            }

            yield return new BranchRows(branch, groups, records);
        }
    }

    private static async Task<long> CopyAsync(NpgsqlConnection connection, List<OrganizationRow> regions, IEnumerable<BranchRows> branches)
    {
        await using (var import = await connection.BeginBinaryImportAsync("""COPY "Organizations" ("Id", "Code", "Name", "ParentId", "Kind", "Path", "CategoryCode", "MemberCount", "CommitteeSize") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var o in regions.Concat(branches.Select(b => b.Branch)))
            {
                await import.StartRowAsync();
                await import.WriteAsync(o.Id, NpgsqlDbType.Integer);
                await import.WriteAsync(o.Code, NpgsqlDbType.Varchar);
                await import.WriteAsync(o.Name, NpgsqlDbType.Varchar);
                await import.WriteAsync(o.ParentId, NpgsqlDbType.Integer);
                await import.WriteAsync(o.Kind, NpgsqlDbType.Varchar);
                await import.WriteAsync(o.Path, NpgsqlDbType.Varchar);
                await WriteNullableAsync(import, o.CategoryCode);
                await import.WriteAsync(o.MemberCount, NpgsqlDbType.Integer);
                await import.WriteAsync(o.CommitteeSize, NpgsqlDbType.Integer);
            }

            await import.CompleteAsync();
        }

        await using (var import = await connection.BeginBinaryImportAsync("""COPY "PartyGroups" ("Id", "OrganizationId", "Name") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var branch in branches)
            {
                foreach (var (id, name) in branch.Groups)
                {
                    await import.WriteRowAsync(default, id, branch.Branch.Id, name);
                }
            }

            await import.CompleteAsync();
        }

        long written = 0;
        await using (var import = await connection.BeginBinaryImportAsync("""COPY "MeetingRecords" ("Id", "BranchId", "Type", "Date", "Expected", "Present", "Topic", "GroupName", "Status", "CreatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var r in branches.SelectMany(b => b.Records))
            {
                await import.StartRowAsync();
                await import.WriteAsync(r.Id, NpgsqlDbType.Bigint);
                await import.WriteAsync(r.BranchId, NpgsqlDbType.Integer);
                await import.WriteAsync(r.Type, NpgsqlDbType.Varchar);
                await import.WriteAsync(r.Date, NpgsqlDbType.Date);
                await import.WriteAsync(r.Expected, NpgsqlDbType.Integer);
                await import.WriteAsync(r.Present, NpgsqlDbType.Integer);
                await import.WriteAsync("学习", NpgsqlDbType.Varchar);
                await WriteNullableAsync(import, r.GroupName);
                await import.WriteAsync(r.Status, NpgsqlDbType.Varchar);
                await import.WriteAsync(CreatedAt, NpgsqlDbType.Bigint);
                written++;
            }

            await import.CompleteAsync();
        }

        return written;
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value)
    {
        if (value is null)
        {
            await import.WriteNullAsync();
        }
        else
        {
            await import.WriteAsync(value, NpgsqlDbType.Varchar);
        }
    }

    private static async Task<long> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, List<OrganizationRow> regions, IEnumerable<BranchRows> branches)
    {
        var organization = Prepare(connection, transaction, """INSERT INTO "Organizations" ("Id", "Code", "Name", "ParentId", "Kind", "Path", "CategoryCode", "MemberCount", "CommitteeSize") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""", 9);
        var group = Prepare(connection, transaction, """INSERT INTO "PartyGroups" ("Id", "OrganizationId", "Name") VALUES ($1, $2, $3)""", 3);
        var record = Prepare(connection, transaction, """INSERT INTO "MeetingRecords" ("Id", "BranchId", "Type", "Date", "Expected", "Present", "Topic", "GroupName", "Status", "CreatedAt") VALUES ($1, $2, $3, $4, $5, $6, '学习', $7, $8, $9)""", 9);
        foreach (var o in regions)
        {
            await RunAsync(organization, o.Id, o.Code, o.Name, o.ParentId, o.Kind, o.Path, o.CategoryCode, o.MemberCount, o.CommitteeSize);
        }

        long written = 0;
        foreach (var b in branches)
        {
            var o = b.Branch;
            await RunAsync(organization, o.Id, o.Code, o.Name, o.ParentId, o.Kind, o.Path, o.CategoryCode, o.MemberCount, o.CommitteeSize);
            foreach (var (id, name) in b.Groups)
            {
                await RunAsync(group, id, o.Id, name);
            }

            foreach (var r in b.Records)
            {
                // EF Core's SQLite provider stores DateOnly as text yyyy-MM-dd.
                await RunAsync(record, r.Id, r.BranchId, r.Type, r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Expected, r.Present, r.GroupName, r.Status, CreatedAt);
                written++;
            }
        }

        return written;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = $"${i}" });
        }

        command.Prepare();
        return command;
    }

    private static Task<int> RunAsync(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync();
    }

    private static async Task<(int Id, string Path)> RootAsync(DbConnection connection, DbTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """SELECT "Id", "Path" FROM "Organizations" WHERE "ParentId" IS NULL ORDER BY "Id" """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetString(1));
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private sealed record OrganizationRow(int Id, string Code, string Name, int ParentId, string Kind, string Path, string? CategoryCode, int MemberCount, int CommitteeSize);

    private sealed record RecordRow(long Id, int BranchId, string Type, DateOnly Date, int Expected, int Present, string? GroupName, string Status);

    private sealed record BranchRows(OrganizationRow Branch, List<(int Id, string Name)> Groups, List<RecordRow> Records);
}
