using System.Linq.Expressions;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace Appraisal.PartyBuilding.Web.Features.Jobs;

/// <summary>
/// Long work a user starts (scoring a period, a large import, a report) as a Hangfire job that any node may run,
/// and what it looks like to the user who started it: state, progress, and the answer the synchronous endpoint
/// would have given (a result or a problem). Everything is kept with the job in Hangfire's storage as job parameters,
/// so it lives as long as the job does (a day after it finished; in memory, until a restart, on SQLite).
/// </summary>
public sealed class BackgroundWork(JobStorage storage, IJobFilterProvider filters)
{
    public const string OwnerParameter = "owner";
    public const string KindParameter = "kind";
    public const string TitleParameter = "title";
    public const string ProgressParameter = "progress";
    public const string OutcomeParameter = "outcome";
    public const string UploadParameter = "upload";
    public const string FileParameter = "file";

    /// <summary>A job that split its work: the ids of its parts (JSON array).</summary>
    public const string PartsParameter = "parts";

    /// <summary>A job whose answer comes from a later job (the final step after the parts): that job's id.</summary>
    public const string ThenParameter = "then";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues <paramref name="call"/> as <paramref name="owner"/>'s job; <paramref name="upload"/> (a file) travels with it in storage, not in its arguments.</summary>
    public string Start<TJob>(Expression<Func<TJob, Task>> call, string kind, string title, string owner, byte[]? upload = null)
    {
        var parameters = new Dictionary<string, object>
        {
            [OwnerParameter] = owner,
            [KindParameter] = kind,
            [TitleParameter] = title,
            [ProgressParameter] = JsonSerializer.Serialize(new JobProgress(0, "排队中"), Json),
        };
        if (upload is not null)
        {
            parameters[UploadParameter] = upload;
        }

        return new BackgroundJobClient(storage, filters).Create(Job.FromExpression(call), new EnqueuedState(), parameters);
    }

    /// <summary>Reads an uploaded file to travel with a job (the request size limit of the endpoint bounds it).</summary>
    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>The job's status for <paramref name="login"/>; null when there is no such job or another user started it.</summary>
    public JobStatus? Find(string id, string login)
    {
        using var connection = storage.GetConnection();
        if (!IsOwner(connection, id, login))
        {
            return null;
        }

        var status = Read(connection, id, depth: 0);
        var kind = Parameter(connection, id, KindParameter) ?? "";
        var title = Parameter(connection, id, TitleParameter) ?? "";
        return status with { Id = id, Kind = kind, Title = title };
    }

    /// <summary>The file a finished job made (a report), for the user who started it.</summary>
    public byte[]? File(string id, string login)
    {
        using var connection = storage.GetConnection();
        if (!IsOwner(connection, id, login))
        {
            return null;
        }

        var holder = Parameter(connection, id, ThenParameter) ?? id;
        var raw = connection.GetJobParameter(holder, FileParameter);
        return raw is null ? null : SerializationHelper.Deserialize<byte[]>(raw, SerializationOption.User);
    }

    private static bool IsOwner(IStorageConnection connection, string id, string login) =>
        IsJobId(id) && connection.GetJobData(id) is not null && Parameter(connection, id, OwnerParameter) == login;

    /// <summary>Hangfire's ids here are numbers (PostgreSQL, in-memory); anything else is not looked up.</summary>
    private static bool IsJobId(string id) => id.Length is > 0 and <= 20 && id.All(char.IsAsciiDigit);

    internal static string? Parameter(IStorageConnection connection, string id, string name) =>
        connection.GetJobParameter(id, name) is { } raw ? SerializationHelper.Deserialize<string>(raw, SerializationOption.User) : null;

    private static JobStatus Read(IStorageConnection connection, string id, int depth)
    {
        var data = connection.GetJobData(id);
        var progress = Parameter(connection, id, ProgressParameter) is { } p ? JsonSerializer.Deserialize<JobProgress>(p, Json)! : new JobProgress(0, "");
        var state = data?.State;
        if (state is null)
        {
            return JobStatus.Of(JobState.Failed, progress, null, JobProblem.Lost);
        }

        if (state == EnqueuedState.StateName || state == ScheduledState.StateName || state == AwaitingState.StateName)
        {
            return JobStatus.Of(JobState.Queued, progress, null, null);
        }

        if (state == ProcessingState.StateName)
        {
            return JobStatus.Of(JobState.Running, progress, null, null);
        }

        if (state == FailedState.StateName)
        {
            return JobStatus.Of(JobState.Failed, progress, null, JobProblem.FailedFor(id));
        }

        if (state == DeletedState.StateName)
        {
            return JobStatus.Of(JobState.Cancelled, progress, null, JobProblem.Cancelled);
        }

        if (Parameter(connection, id, OutcomeParameter) is { } text)
        {
            var outcome = JsonSerializer.Deserialize<JobOutcome>(text, Json)!;
            return outcome.Problem is null
                ? JobStatus.Of(JobState.Succeeded, new JobProgress(100, "已完成"), outcome.Result, null)
                : JobStatus.Of(JobState.Refused, new JobProgress(100, "未完成"), null, outcome.Problem);
        }

        // Split work: the parts run first (any node), then the final step, whose answer is the job's answer.
        var parts = Parameter(connection, id, PartsParameter) is { } list ? JsonSerializer.Deserialize<string[]>(list, Json)! : [];
        if (depth == 0 && parts.Length > 0)
        {
            var states = parts.Select(part => Read(connection, part, depth + 1)).ToList();
            if (states.FirstOrDefault(s => s.State is JobState.Failed or JobState.Refused or JobState.Cancelled) is { } broken)
            {
                return broken;
            }

            if (Parameter(connection, id, ThenParameter) is { } then)
            {
                var last = Read(connection, then, depth + 1);
                return last.Finished ? last : last with { Percent = 95, Message = "正在汇总排名" };
            }

            var done = states.Count(s => s.State == JobState.Succeeded);
            return JobStatus.Of(JobState.Running, new JobProgress(5 + (90 * done / parts.Length), $"已完成{done}/{parts.Length}个分片"), null, null);
        }

        return JobStatus.Of(JobState.Running, progress, null, null);
    }
}

/// <summary>A user's job as the API names it: queued, running, then succeeded, refused (the answer is a problem; nothing was changed), failed (for good, after the retries) or cancelled.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<JobState>))]
public enum JobState
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("queued")]
    Queued,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("running")]
    Running,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("succeeded")]
    Succeeded,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("refused")]
    Refused,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("failed")]
    Failed,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

/// <param name="Percent">0..100.</param>
/// <param name="Message">What the job is doing, for people.</param>
public sealed record JobProgress(int Percent, string Message);

/// <summary>What a finished job answered: the synchronous endpoint's result, or its problem.</summary>
public sealed record JobOutcome(int Status, JsonElement? Result, JobProblem? Problem);

/// <summary>A problem as the synchronous endpoint would have answered it (RFC 7807 fields, with <c>errors</c> for imports).</summary>
public sealed record JobProblem(int Status, string Title, string? Detail, JsonElement? Errors)
{
    public static JobProblem Lost => new(StatusCodes.Status410Gone, "后台作业已不存在", "作业记录已过期或服务已重启，请重新提交。", null);

    public static JobProblem Cancelled => new(StatusCodes.Status409Conflict, "后台作业已取消", "系统管理员取消了该作业，请重新提交。", null);

    public static JobProblem FailedFor(string id) =>
        new(StatusCodes.Status500InternalServerError, "后台作业失败", $"作业多次自动重试后仍然失败，没有保存任何结果。请联系系统管理员（作业编号 {id}）。", null);
}

/// <summary>The status of a user's job (GET /api/v1/jobs/{id}).</summary>
public sealed record JobStatus(string Id, string Kind, string Title, JobState State, int Percent, string Message, JsonElement? Result, JobProblem? Problem)
{
    public string StateName => State switch
    {
        JobState.Queued => "排队中",
        JobState.Running => "进行中",
        JobState.Succeeded => "已完成",
        JobState.Refused => "未完成",
        JobState.Failed => "失败",
        _ => "已取消",
    };

    public bool Finished => State is not (JobState.Queued or JobState.Running);

    public string StatusUrl => JobsApi.StatusUrl(Id);

    internal static JobStatus Of(JobState state, JobProgress progress, JsonElement? result, JobProblem? problem) =>
        new("", "", "", state, progress.Percent, progress.Message, result, problem);
}
