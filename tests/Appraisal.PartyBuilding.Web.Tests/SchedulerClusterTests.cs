using System.Collections.Concurrent;
using System.Diagnostics;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.SchedulerNode;
using Appraisal.PartyBuilding.Testing;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Hangfire;
using Npgsql;
using Xunit.Abstractions;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Two Hangfire servers, each its own process with the app's storage and worker settings (<see cref="SchedulerSetup"/>),
/// on one PostgreSQL database (Hangfire's own schema, created at first use): every job runs exactly once across the
/// nodes, a failing run is retried, and when a node is killed (SIGKILL) while running a job, the survivor takes that
/// job over once its invisibility timeout (short here, through configuration) has passed, and finishes the rest.
/// </summary>
public sealed class SchedulerClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The app's defaults with short intervals, given to each node as configuration: a node looks for work every
    /// 200 ms, a killed node's job is visible again after 3 s, a lock it died holding is removed after 3 s, and a
    /// failed attempt is retried after 1 s.
    /// </summary>
    private static readonly string[] NodeSettings =
    [
        "--Scheduler:PollInterval=00:00:00.200",
        "--Scheduler:InvisibilityTimeout=00:00:03",
        "--Scheduler:MaxConcurrency=3",
        "--Scheduler:Retries=2",
        "--Scheduler:RetryDelay=00:00:01",
        "--Scheduler:LockTimeout=00:00:03",
    ];

    [Fact]
    public async Task Two_nodes_run_each_job_once_and_a_survivor_finishes_the_work_of_a_killed_node()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.PostgreSql);
        var connectionString = database.Options.ConnectionString;
        await ExecuteAsync(connectionString, ProbeJob.CreateTable);

        // The test's own client only stores jobs; creating its storage first prepares Hangfire's schema once.
        var storage = SchedulerSetup.CreateStorage(DatabaseProvider.PostgreSql, connectionString, new SchedulerOptions());
        var client = new BackgroundJobClient(storage);
        var log = new ConcurrentQueue<string>();
        var starting = new[] { NodeProcess.StartAsync("node-a", connectionString, log), NodeProcess.StartAsync("node-b", connectionString, log) };
        await using var nodeA = await starting[0];
        await using var nodeB = await starting[1];
        output.WriteLine($"nodes ready after {watch.ElapsedMilliseconds} ms: {nodeA.Name} = {nodeA.InstanceId}, {nodeB.Name} = {nodeB.InstanceId}");

        // 1. Twenty short jobs and one that fails its first attempt: each runs once, the failing one is retried once.
        var shortJobs = Enumerable.Range(1, 20).Select(i => $"short-{i:00}").ToList();
        foreach (var name in shortJobs)
        {
            Enqueue(client, name, sleepMs: 300);
        }

        Enqueue(client, "retried", sleepMs: 100, failFirst: true);
        await WaitForAsync(connectionString, rows => rows.Count(r => r.Event == "finished") == shortJobs.Count + 1, log);

        var first = await ReadAsync(connectionString);
        foreach (var name in shortJobs)
        {
            Assert.Single(first, r => r.Job == name && r.Event == "started");
            Assert.Single(first, r => r.Job == name && r.Event == "finished");
        }

        Assert.Equal([0, 1], first.Where(r => r.Job == "retried" && r.Event == "started").Select(r => r.Attempt).Order());
        Assert.Equal(1, Assert.Single(first, r => r.Job == "retried" && r.Event == "finished").Attempt);
        var byNode = first.Where(r => r.Event == "finished").GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"phase 1 done after {watch.ElapsedMilliseconds} ms; runs per node: {string.Join(", ", byNode.Select(p => $"{p.Key} {p.Value}"))}");

        // 2. A long job starts on one node, more work is queued, and that node is killed mid-run.
        Enqueue(client, "long", sleepMs: 4000);
        var started = await WaitForAsync(connectionString, rows => rows.Any(r => r.Job == "long" && r.Event == "started"), log);
        var victim = started.Single(r => r.Job == "long" && r.Event == "started").Node == nodeA.Name ? nodeA : nodeB;
        var survivor = victim == nodeA ? nodeB : nodeA;
        var later = Enumerable.Range(1, 6).Select(i => $"later-{i}").ToList();
        foreach (var name in later)
        {
            Enqueue(client, name, sleepMs: 300);
        }

        victim.Kill();
        output.WriteLine($"killed {victim.Name} after {watch.ElapsedMilliseconds} ms, while it ran 'long'");

        var all = await WaitForAsync(
            connectionString,
            rows => rows.Any(r => r.Job == "long" && r.Event == "finished") && later.All(name => rows.Any(r => r.Job == name && r.Event == "finished")),
            log);

        var longFinished = Assert.Single(all, r => r.Job == "long" && r.Event == "finished");
        Assert.Equal(survivor.Name, longFinished.Node);
        Assert.Contains(all, r => r.Job == "long" && r.Event == "started" && r.Node == victim.Name);
        Assert.Contains(all, r => r.Job == "long" && r.Event == "started" && r.Node == survivor.Name);
        // Hangfire runs a job at least once: a job the victim had in hand when it died (started there, its state not
        // yet saved) is run again by the survivor, which is why every job is idempotent. Any other job ran once.
        var inHand = all.Where(r => r.Node == victim.Name && r.Event == "started" && !first.Contains(r)).Select(r => r.Job).ToHashSet();
        foreach (var name in later)
        {
            Assert.Contains(all, r => r.Job == name && r.Event == "finished");
            Assert.True(all.Count(r => r.Job == name && r.Event == "finished" && r.Node == survivor.Name) <= 1, name + " finished twice on the survivor");
        }

        var twice = all.Where(r => r.Event == "finished" && !inHand.Contains(r.Job)).GroupBy(r => r.Job).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "finished more than once without a kill in between: " + string.Join(", ", twice));
        output.WriteLine($"in {victim.Name}'s hands when it was killed: {string.Join(", ", inHand.Order())}");
        output.WriteLine($"all done after {watch.ElapsedMilliseconds} ms; {survivor.Name} took over 'long'");
    }

    /// <summary>
    /// A node killed while it changed a job's state leaves that job's state lock in Hangfire's <c>lock</c> table (a
    /// CI run once lost a job that way for Hangfire's default 10 minutes). Here the lock is left on purpose: the
    /// job's move from scheduled to queued waits for it, and runs once <c>Scheduler:LockTimeout</c> has passed.
    /// </summary>
    [Fact]
    public async Task A_job_whose_state_lock_a_dead_node_left_runs_after_the_lock_timeout()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.PostgreSql);
        var connectionString = database.Options.ConnectionString;
        await ExecuteAsync(connectionString, ProbeJob.CreateTable);
        var storage = SchedulerSetup.CreateStorage(DatabaseProvider.PostgreSql, connectionString, new SchedulerOptions());
        var client = new BackgroundJobClient(storage);

        var id = client.Schedule<ProbeJob>(probe => probe.RunAsync("locked", 10, false, null!, CancellationToken.None), TimeSpan.FromMilliseconds(500));
        var left = await ScalarAsync<DateTime>(
            connectionString,
            $"INSERT INTO {SchedulerSetup.PostgreSqlSchema}.lock (resource, updatecount, acquired) VALUES ('{SchedulerSetup.PostgreSqlSchema}:job:{id}:state-lock', 0, now()) RETURNING acquired");
        var log = new ConcurrentQueue<string>();
        await using var node = await NodeProcess.StartAsync("node-a", connectionString, log);

        var rows = await WaitForAsync(connectionString, rows => rows.Any(r => r.Job == "locked" && r.Event == "finished"), log);
        Assert.Single(rows, r => r.Job == "locked" && r.Event == "started");
        var started = await ScalarAsync<DateTime>(connectionString, $"SELECT at FROM {ProbeJob.Table} WHERE job = 'locked' AND event = 'started'");
        output.WriteLine($"the job started {(started - left).TotalMilliseconds:0} ms after its lock was left");
        Assert.True(started - left >= TimeSpan.FromSeconds(3), "the job ran while its lock was still held");
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static void Enqueue(BackgroundJobClient client, string name, int sleepMs, bool failFirst = false) =>
        client.Enqueue<ProbeJob>(probe => probe.RunAsync(name, sleepMs, failFirst, null!, CancellationToken.None));

    private async Task<IReadOnlyList<ProbeRow>> WaitForAsync(string connectionString, Func<IReadOnlyList<ProbeRow>, bool> done, ConcurrentQueue<string> log)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var rows = await ReadAsync(connectionString);
            if (done(rows))
            {
                return rows;
            }

            if (deadline.Elapsed > Patience)
            {
                output.WriteLine(string.Join("\n", rows.Select(r => r.ToString())));
                output.WriteLine(string.Join("\n", log));
                Assert.Fail($"the cluster did not finish its work within {Patience}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<IReadOnlyList<ProbeRow>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT job, event, node, attempt FROM {ProbeJob.Table} ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ProbeRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new ProbeRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record ProbeRow(string Job, string Event, string Node, int Attempt);

    /// <summary>A Hangfire server in its own process (<c>dotnet Appraisal.PartyBuilding.SchedulerNode.dll</c>).</summary>
    private sealed class NodeProcess : IAsyncDisposable
    {
        private readonly Process process;

        private NodeProcess(string name, Process process, string instanceId)
        {
            Name = name;
            this.process = process;
            InstanceId = instanceId;
        }

        public string Name { get; }

        public string InstanceId { get; }

        public static async Task<NodeProcess> StartAsync(string name, string connectionString, ConcurrentQueue<string> log)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(TestPaths.SchedulerNode);
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(connectionString);
            foreach (var setting in NodeSettings)
            {
                start.ArgumentList.Add(setting);
            }
            var process = Process.Start(start)!;
            var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                log.Enqueue($"{name}: {e.Data}");
                if (e.Data.StartsWith("READY ", StringComparison.Ordinal))
                {
                    ready.TrySetResult(e.Data["READY ".Length..]);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    log.Enqueue($"{name} (stderr): {e.Data}");
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var first = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(Patience));
            if (first != ready.Task)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{name} did not start:\n{string.Join("\n", log)}");
            }

            return new NodeProcess(name, process, await ready.Task);
        }

        /// <summary>SIGKILL: no shutdown, no last heartbeat, the job it fetched left behind in the database.</summary>
        public void Kill() => process.Kill(entireProcessTree: true);

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
