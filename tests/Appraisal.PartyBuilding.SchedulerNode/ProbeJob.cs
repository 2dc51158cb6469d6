using Npgsql;
using Quartz;

namespace Appraisal.PartyBuilding.SchedulerNode;

/// <summary>
/// Records in <c>cluster_probe</c> that it started and, after <c>sleepMs</c>, that it finished, with the node that
/// ran it. With <c>failFirst</c> its first attempt throws, to show the retry policy at work.
/// </summary>
public sealed class ProbeJob(NodeSettings node) : IJob
{
    public const string Table = "cluster_probe";

    public const string CreateTable = $"""
        CREATE TABLE {Table} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            job text NOT NULL,
            event text NOT NULL,
            node text NOT NULL,
            attempt integer NOT NULL,
            recovering boolean NOT NULL,
            at timestamptz NOT NULL DEFAULT clock_timestamp())
        """;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var job = context.JobDetail.Key.Name;
        var data = context.MergedJobDataMap;
        await RecordAsync(job, "started", context, cancellationToken);
        if (data.TryGetBoolean("failFirst", out var failFirst) && failFirst && context.RetryAttempt == 0)
        {
            throw new JobExecutionException("The first attempt fails on purpose.");
        }

        await Task.Delay(data.GetInt("sleepMs"), cancellationToken);
        await RecordAsync(job, "finished", context, cancellationToken);
    }

    private async Task RecordAsync(string job, string what, IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(node.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"INSERT INTO {Table} (job, event, node, attempt, recovering) VALUES (@job, @event, @node, @attempt, @recovering)", connection);
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("event", what);
        command.Parameters.AddWithValue("node", node.Name);
        command.Parameters.AddWithValue("attempt", context.RetryAttempt);
        command.Parameters.AddWithValue("recovering", context.Recovering);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <param name="Name">The node's name in the probe table (its process's label, e.g. <c>node-a</c>).</param>
/// <param name="ConnectionString">The PostgreSQL database the cluster shares.</param>
public sealed record NodeSettings(string Name, string ConnectionString);
