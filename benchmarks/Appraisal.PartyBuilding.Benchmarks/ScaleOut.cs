using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Account;
using Appraisal.PartyBuilding.Web.Features.Jobs;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// Issue 11, goal 2: a period's scoring queued as jobs (<see cref="PeriodScoringJob"/>: one part per subtree under the
/// root — the province's <see cref="Province.Regions"/> 片区党委 — then the ranking step) run by one app process and
/// then by two app processes sharing the one PostgreSQL database, each node with one worker so that a node runs one
/// part at a time. Started through the API (<c>POST /api/v1/periods/{id}/scoring</c>, an org-admin's token) and timed
/// until the job reports success; which node ran which part, and how long, comes from Hangfire's own state rows.
/// </summary>
internal static class ScaleOut
{
    public static async Task<int> RunAsync(int branches)
    {
        await using var setup = await ScaleSetup.CreateAsync(DatabaseProvider.PostgreSql, branches);
        Console.WriteLine($"province of {branches:N0} branches in {Province.Regions} subtrees, {setup.Records:N0} meeting records written in {setup.Generated.TotalSeconds:0.0} s");
        string token;
        await using (var scope = setup.App.Services.CreateAsyncScope())
        {
            var (created, error) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync("benchmark", ScaleSetup.AdminLogin);
            token = created ?? throw new InvalidOperationException(error);
        }

        var connection = setup.Database.Options.ConnectionString;
        var log = Path.Combine(BenchmarkPaths.Repo, "artifacts", "benchmarks", "scale-out-app.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var lines = new List<string>();
        foreach (var nodes in new[] { 1, 2 })
        {
            await ExecuteAsync(connection, """TRUNCATE "BranchResults" CASCADE""");
            await ExecuteAsync(connection, """VACUUM ANALYZE "BranchResults", "BranchIndicatorScores" """);
            var apps = new List<AppProcess>();
            try
            {
                for (var n = 0; n < nodes; n++)
                {
                    apps.Add(await AppProcess.StartAsync(
                        setup.Database.Options,
                        5400 + n,
                        log,
                        "--Scheduler:Enabled=true",
                        "--Scheduler:RecurringJobs=false",
                        "--Scheduler:PollInterval=00:00:00.500",
                        "--Scheduler:MaxConcurrency=1",
                        $"--Scheduler:InstanceId=node{n + 1}"));
                }

                var since = await ScalarAsync(connection, "SELECT coalesce(max(id), 0) FROM hangfire.job");
                using var client = new HttpClient { BaseAddress = apps[0].Address, Timeout = TimeSpan.FromMinutes(1) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var clock = Stopwatch.StartNew();
                using var accepted = await client.PostAsync($"/api/v1/periods/{setup.PeriodId}/scoring", null);
                var job = await accepted.Content.ReadFromJsonAsync<JobAccepted>() ?? throw new InvalidOperationException($"scoring not queued: {(int)accepted.StatusCode}");
                JsonElement status;
                string state;
                do
                {
                    await Task.Delay(250);
                    status = await client.GetFromJsonAsync<JsonElement>(job.StatusUrl);
                    state = status.GetProperty("state").GetString()!;
                }
                while (state is "queued" or "running");

                var elapsed = clock.Elapsed.TotalSeconds;
                if (state != "succeeded")
                {
                    throw new InvalidOperationException($"scoring job {job.Id} ended {state}: {status}");
                }

                var parts = await PartsAsync(connection, since);
                var line = string.Create(CultureInfo.InvariantCulture, $"| {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} | {branches:N0} | {nodes} | {elapsed:0.0} s | {string.Join("; ", parts.GroupBy(p => p.Server).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()} jobs, {g.Sum(p => p.Seconds):0.0} s busy"))} | {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])} |");
                Console.WriteLine(line);
                foreach (var part in parts)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    job {part.Id} on {part.Server}: {part.Seconds:0.0} s {part.Name}"));
                }

                lines.Add(line);
            }
            finally
            {
                foreach (var app in apps)
                {
                    await app.DisposeAsync();
                }
            }
        }

        await File.AppendAllLinesAsync(Path.Combine(BenchmarkPaths.Repo, "artifacts", "benchmarks", "scale-out.md"), lines);
        return 0;
    }

    /// <summary>The jobs after <paramref name="since"/>: the node that ran each (its Processing state) and how long (its Succeeded state).</summary>
    private static async Task<List<(long Id, string Server, double Seconds, string Name)>> PartsAsync(string connectionString, long since)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT j.id, p.data::text, s.data::text, j.arguments::text
            FROM {SchedulerSetup.PostgreSqlSchema}.job j
            JOIN {SchedulerSetup.PostgreSqlSchema}.state p ON p.jobid = j.id AND p.name = 'Processing'
            JOIN {SchedulerSetup.PostgreSqlSchema}.state s ON s.jobid = j.id AND s.name = 'Succeeded'
            WHERE j.id > {since} ORDER BY j.id
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<(long, string, double, string)>();
        while (await reader.ReadAsync())
        {
            using var processing = JsonDocument.Parse(reader.GetString(1));
            using var succeeded = JsonDocument.Parse(reader.GetString(2));
            var server = processing.RootElement.GetProperty("ServerId").GetString()!.Split(':')[0];
            var milliseconds = double.Parse(succeeded.RootElement.GetProperty("PerformanceDuration").GetString()!, CultureInfo.InvariantCulture);
            var arguments = reader.GetString(3);
            parts.Add((reader.GetInt64(0), server, milliseconds / 1000, arguments.Length > 80 ? arguments[..80] : arguments));
        }

        return parts;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
