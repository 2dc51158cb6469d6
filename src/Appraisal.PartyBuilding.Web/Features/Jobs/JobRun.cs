using System.Security.Claims;
using System.Text.Json;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Account;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Jobs;

/// <summary>What a user's job writes as it goes: progress, then its outcome (<see cref="BackgroundWork"/> reads them).</summary>
public static class JobRun
{
    public static void Report(PerformContext context, int percent, string message) =>
        context.SetJobParameter(BackgroundWork.ProgressParameter, JsonSerializer.Serialize(new JobProgress(percent, message), BackgroundWork.Json));

    public static void Succeed(PerformContext context, object result) =>
        Finish(context, new JobOutcome(StatusCodes.Status200OK, JsonSerializer.SerializeToElement(result, BackgroundWork.Json), null));

    public static void Refuse(PerformContext context, int status, string title, string? detail, object? errors = null) =>
        Finish(context, new JobOutcome(status, null, new JobProblem(status, title, detail, errors is null ? null : JsonSerializer.SerializeToElement(errors, BackgroundWork.Json))));

    /// <summary>The account that started the job no longer exists: nothing is done.</summary>
    public static void AccountGone(PerformContext context, string login) =>
        Refuse(context, StatusCodes.Status403Forbidden, "账号已不存在", $"提交该作业的账号“{login}”已被删除，作业未执行。");

    /// <summary>The uploaded file that travels with the job (see <see cref="BackgroundWork.Start{TJob}"/>).</summary>
    public static byte[] Upload(PerformContext context) => context.GetJobParameter<byte[]>(BackgroundWork.UploadParameter) ?? [];

    private static void Finish(PerformContext context, JobOutcome outcome)
    {
        context.SetJobParameter(BackgroundWork.OutcomeParameter, JsonSerializer.Serialize(outcome, BackgroundWork.Json));
        // The upload has been used: it need not stay in storage for as long as the job's status does.
        if (context.GetJobParameter<byte[]>(BackgroundWork.UploadParameter) is not null)
        {
            context.SetJobParameter(BackgroundWork.UploadParameter, null);
        }
    }
}

/// <summary>
/// Makes a job act as the account that started it: the app's services read the user (its login, role and scope)
/// from the current HTTP context through <c>CurrentUser</c>, and a job has none, so it gets one holding the
/// account's principal as stored now. An account removed since is refused.
/// </summary>
public sealed class JobOwner(AppraisalDbContext db, IHttpContextAccessor accessor, IServiceProvider services)
{
    public const string AuthenticationType = "BackgroundJob";

    public async Task<ClaimsPrincipal?> PrincipalAsync(string login, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Login == login, cancellationToken) is { } account
            ? AccountService.PrincipalOf(account, AuthenticationType)
            : null;

    /// <summary>
    /// Not async on purpose: the context is held in an async-local, which an async method would restore when it
    /// returns, and the job's own flow (its caller) is what must see it.
    /// </summary>
    public void Act(ClaimsPrincipal principal) =>
        accessor.HttpContext = new DefaultHttpContext { User = principal, RequestServices = services };
}
