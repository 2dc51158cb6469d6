using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Data;
using Npgsql;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// Issue 11, goal 3: the ranking page and the score card under 50 concurrent clients. A province of
/// <c>branches</c> is generated and scored, the app is started as its own process on PostgreSQL, a 党委领导 of the
/// root and a branch secretary sign in through the sign-in form, and half of the clients browse as the leader (a
/// random category and page of the ranking, a random branch's score card), half as the secretary (the own ranking
/// and score card), each client one request after another for <c>seconds</c> after a 10-second warm-up that is not
/// counted. The period stays in scoring (category sizes counted live) unless <c>published</c>, when they are counted
/// once per node. Prints p50/p95/p99 per page and role, errors (any answer but 200, or no answer), and the app's memory.
/// </summary>
internal static partial class LoadTest
{
    /// <summary>
    /// How long the clients run before the measured window (APPRAISAL_BENCH_LOAD_WARMUP seconds, 60 unless set): the
    /// app's first requests JIT-compile its code, and tiered compilation goes on recompiling the hot methods in the
    /// background after that. Under 50 clients on two cores, `perf` saw the runtime's tiered-compilation thread take a
    /// quarter of the app's CPU 20–30 s after start and none from 50 s on (docs/PERFORMANCE.md, eighth session), so
    /// the 10 s used until then measured a server still compiling itself.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("APPRAISAL_BENCH_LOAD_WARMUP"), CultureInfo.InvariantCulture, out var seconds) ? seconds : 60);

    public static async Task<int> RunAsync(int branches, int seconds, int clients, bool published)
    {
        await using var setup = await ScaleSetup.CreateAsync(DatabaseProvider.PostgreSql, branches);
        Console.WriteLine($"province of {branches:N0} branches, {setup.Records:N0} meeting records written in {setup.Generated.TotalSeconds:0.0} s");
        var connection = setup.Database.Options.ConnectionString;
        Console.WriteLine(await Measured.InChildAsync("score", connection, setup.PeriodId.ToString(CultureInfo.InvariantCulture)));
        if (published)
        {
            // When every secretary looks: the period published, its results fixed until the appeals are decided.
            await setup.PublishAsync();
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("APPRAISAL_BENCH_LOAD_VACUUM")))
        {
            // What autovacuum does on its own within a minute or two of a scoring: the rank step's update left a dead
            // version of every result row and its index entries, and the ranking's index-only scans visit the heap
            // until the visibility map is set again. Without this the first build measured pays for that.
            var vacuum = Stopwatch.StartNew();
            await using var vacuuming = new NpgsqlConnection(connection);
            await vacuuming.OpenAsync();
            await using var command = new NpgsqlCommand("""VACUUM (ANALYZE) "BranchResults", "Organizations" """, vacuuming) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
            Console.WriteLine($"VACUUM (ANALYZE) of the results and organizations: {vacuum.Elapsed.TotalSeconds:0.0} s");
        }

        var categories = await CategoriesAsync(connection, setup.PeriodId);
        var log = Path.Combine(BenchmarkPaths.Repo, "artifacts", "benchmarks", "load-app.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);

        // Before/after on the same province and the same scoring: APPRAISAL_BENCH_LOAD_BUILDS names the web builds
        // (their Appraisal.PartyBuilding.Web.dll, separated by ':'), measured in turn, APPRAISAL_BENCH_LOAD_ROUNDS times.
        var builds = Environment.GetEnvironmentVariable("APPRAISAL_BENCH_LOAD_BUILDS") is { Length: > 0 } listed
            ? listed.Split(':', StringSplitOptions.RemoveEmptyEntries)
            : [AppProcess.WebDll];
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("APPRAISAL_BENCH_LOAD_ROUNDS"), CultureInfo.InvariantCulture, out var r) ? r : 1;
        var failed = false;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var build in builds)
            {
                failed |= !await MeasureAsync(setup, build, categories, log, branches, seconds, clients, published);
            }
        }

        return failed ? 1 : 0;
    }

    /// <summary>One build of the app under the clients; false when any request failed.</summary>
    private static async Task<bool> MeasureAsync(ScaleSetup setup, string build, List<(string Code, int Count)> categories, string log, int branches, int seconds, int clients, bool published)
    {
        var connection = setup.Database.Options.ConnectionString;
        await using var app = await AppProcess.StartAsync(build, setup.Database.Options, 5394, log);
        var leader = await SignInAsync(app.Address, ScaleSetup.LeaderLogin);
        var secretary = await SignInAsync(app.Address, ScaleSetup.SecretaryLogin);
        var (_, startPeak) = app.Memory();
        var database = new NpgsqlConnectionStringBuilder(connection).Host!;
        CpuTimes? cpuAtWarmUp = null;

        var samples = new List<Sample>[clients];
        var started = Stopwatch.StartNew();
        var end = WarmUp + TimeSpan.FromSeconds(seconds);
        var sampler = Task.Run(async () =>
        {
            await Task.Delay(WarmUp);
            cpuAtWarmUp = CpuTimes.Now(app.Id, database);
            await Statements.ResetAsync(connection);
        });
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var isLeader = c % 2 == 0;
            var random = new Random(c);
            var mine = samples[c] = [];
            using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Add("Cookie", isLeader ? leader : secretary);
            for (var i = 0; started.Elapsed < end; i++)
            {
                var ranking = i % 2 == 0;
                string url;
                if (isLeader)
                {
                    var (category, count) = categories[random.Next(categories.Count)];
                    url = ranking
                        ? $"/periods/{setup.PeriodId}/ranking?category={Uri.EscapeDataString(category)}&page={random.Next(1, Math.Max(1, (count + 49) / 50) + 1)}"
                        : $"/periods/{setup.PeriodId}/branches/{Province.BranchCode(random.Next(branches))}";
                }
                else
                {
                    url = ranking ? $"/periods/{setup.PeriodId}/ranking" : $"/periods/{setup.PeriodId}/branches/{Province.BranchCode(0)}";
                }

                var at = started.Elapsed;
                var clock = Stopwatch.StartNew();
                bool ok;
                try
                {
                    using var response = await client.GetAsync(url);
                    await response.Content.LoadIntoBufferAsync();
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                catch (TaskCanceledException)
                {
                    ok = false;
                }

                if (at >= WarmUp)
                {
                    mine.Add(new Sample(isLeader ? "leader" : "secretary", ranking ? "ranking" : "score card", clock.Elapsed.TotalMilliseconds, ok));
                }
            }
        })));

        var cpu = CpuTimes.Now(app.Id, database) - cpuAtWarmUp!;
        await sampler;
        var statements = await Statements.ReportAsync(connection);
        var (rss, peak) = app.Memory();
        var all = samples.SelectMany(s => s).ToList();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {branches:N0} branches, period {(published ? "published" : "in scoring")}, {clients} clients, {seconds} s (after {WarmUp.TotalSeconds:0} s warm-up), load average {File.ReadAllText("/proc/loadavg")[..14]}, {Environment.ProcessorCount} cores{(build == AppProcess.WebDll ? "" : ", build " + build)}");
        report.AppendLine("| role | page | requests | per second | p50 ms | p95 ms | p99 ms | max ms | errors |");
        report.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in all.GroupBy(s => (s.Role, s.Page)).OrderBy(g => g.Key).Append(all.GroupBy(_ => ("all", "all")).Single()))
        {
            var sorted = group.Select(s => s.Milliseconds).Order().ToArray();
            double At(double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
            report.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key.Item1} | {group.Key.Item2} | {sorted.Length:N0} | {sorted.Length / (double)seconds:0.0} | {At(0.50):0} | {At(0.95):0} | {At(0.99):0} | {sorted[^1]:0} | {group.Count(s => !s.Ok)} |");
        }

        // CPU per request stays comparable when the machine is shared, unlike latency: what each request cost the app,
        // PostgreSQL and the load generator itself, in milliseconds of one core.
        report.AppendLine(CultureInfo.InvariantCulture, $"CPU per request (ms of a core): app {cpu.App * 1000 / all.Count:0.00}, PostgreSQL {cpu.Database * 1000 / all.Count:0.00}, load generator {cpu.Clients * 1000 / all.Count:0.00}");
        report.AppendLine(CultureInfo.InvariantCulture, $"app process: resident {rss:0} MB at the end, peak {peak:0} MB (peak {startPeak:0} MB before the load)");
        report.Append(statements);
        Console.Write(report);
        await File.AppendAllTextAsync(Path.Combine(BenchmarkPaths.Repo, "artifacts", "benchmarks", "load.md"), report + Environment.NewLine);
        return all.All(s => s.Ok);
    }

    /// <summary>Signs in through the form (antiforgery token and cookie) and returns the Cookie header the session needs.</summary>
    private static async Task<string> SignInAsync(Uri address, string login)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var form = await client.GetStringAsync("/account/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login,
            ["Password"] = ScaleSetup.Password,
            ["__RequestVerificationToken"] = token,
        }));
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/account", StringComparison.Ordinal) != true
            ? cookies.GetCookieHeader(address)
            : throw new InvalidOperationException($"{login} could not sign in: {(int)response.StatusCode} {response.Headers.Location}");
    }

    private static async Task<List<(string Code, int Count)>> CategoriesAsync(string connectionString, int periodId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""SELECT "CategoryCode", count(*)::int FROM "BranchResults" WHERE "PeriodId" = {periodId} GROUP BY "CategoryCode" ORDER BY 1""", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var categories = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            categories.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return categories;
    }

    /// <summary>
    /// PostgreSQL's own account of the measured window when <c>APPRAISAL_BENCH_STATEMENTS</c> is set (benchmarks/run.sh
    /// then loads pg_stat_statements with planning tracked): each statement's calls, planning and execution time, reset
    /// at the end of the warm-up. Empty otherwise.
    /// </summary>
    private static class Statements
    {
        private static bool On => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("APPRAISAL_BENCH_STATEMENTS"));

        public static async Task ResetAsync(string connectionString)
        {
            if (!On)
            {
                return;
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
            await command.ExecuteNonQueryAsync();
        }

        public static async Task<string> ReportAsync(string connectionString)
        {
            if (!On)
            {
                return "";
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT calls, plans, total_plan_time, total_exec_time, rows, regexp_replace(left(query, 100), '\s+', ' ', 'g')
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_plan_time + total_exec_time DESC LIMIT 15
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var text = new StringBuilder("| calls | plans | planning ms | execution ms | rows | statement |\n| ---: | ---: | ---: | ---: | ---: | --- |\n");
            while (await reader.ReadAsync())
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {reader.GetInt64(0):N0} | {reader.GetInt64(1):N0} | {reader.GetDouble(2):0} | {reader.GetDouble(3):0} | {reader.GetInt64(4):N0} | `{reader.GetString(5).Replace('|', '/')}` |");
            }

            return text.ToString();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>CPU seconds so far of the app, of the PostgreSQL cluster (postmaster, its children and its reaped children) and of this process.</summary>
    private sealed record CpuTimes(double App, double Database, double Clients)
    {
        public static CpuTimes Now(int app, string socketFolder)
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(socketFolder, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            var database = Seconds(postmaster, withReaped: true);
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(folder), out var pid) && Field(pid, 3) == postmaster)
                {
                    database += Seconds(pid, withReaped: false);
                }
            }

            return new CpuTimes(Seconds(app, withReaped: true), database, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
        }

        public static CpuTimes operator -(CpuTimes after, CpuTimes before) => new(after.App - before.App, after.Database - before.Database, after.Clients - before.Clients);

        private static double Seconds(int pid, bool withReaped) =>
            (Field(pid, 13) + Field(pid, 14) + (withReaped ? Field(pid, 15) + Field(pid, 16) : 0)) / 100.0;

        /// <summary>A numeric field of <c>/proc/PID/stat</c> by its 0-based position in proc(5) (3 the parent, 13 and 14 user and system time).</summary>
        private static long Field(int pid, int index)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return long.Parse(fields[index - 2], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return 0;
            }
        }
    }

    private sealed record Sample(string Role, string Page, double Milliseconds, bool Ok);
}
