using Hangfire;
using Hangfire.Server;
using Npgsql;

namespace Appraisal.PartyBuilding.SchedulerNode;

/// <summary>
/// Records in <c>cluster_probe</c> that it started and, after <c>sleepMs</c>, that it finished, with the node that
/// ran it and the retry attempt. With <c>failFirst</c> its first attempt throws, to show the automatic retries at work.
/// </summary>
public sealed class ProbeJob(NodeSettings node)
{
    public const string Table = "cluster_probe";

    public const string CreateTable = $"""
        CREATE TABLE {Table} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            job text NOT NULL,
            event text NOT NULL,
            node text NOT NULL,
            attempt integer NOT NULL,
            at timestamptz NOT NULL DEFAULT clock_timestamp())
        """;

    /// <param name="context">Hangfire's context of this run (pass null when queuing: Hangfire supplies it).</param>
    public async Task RunAsync(string job, int sleepMs, bool failFirst, PerformContext context, CancellationToken cancellationToken)
    {
        var attempt = context.GetJobParameter<int>("RetryCount");
        await RecordAsync(job, "started", attempt, cancellationToken);
        if (failFirst && attempt == 0)
        {
            throw new InvalidOperationException("The first attempt fails on purpose.");
        }

        await Task.Delay(sleepMs, cancellationToken);
        await RecordAsync(job, "finished", attempt, cancellationToken);
    }

    private async Task RecordAsync(string job, string what, int attempt, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(node.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"INSERT INTO {Table} (job, event, node, attempt) VALUES (@job, @event, @node, @attempt)", connection);
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("event", what);
        command.Parameters.AddWithValue("node", node.Name);
        command.Parameters.AddWithValue("attempt", attempt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <param name="Name">The node's name in the probe table (its process's label, e.g. <c>node-a</c>).</param>
/// <param name="ConnectionString">The PostgreSQL database the cluster shares.</param>
public sealed record NodeSettings(string Name, string ConnectionString);
