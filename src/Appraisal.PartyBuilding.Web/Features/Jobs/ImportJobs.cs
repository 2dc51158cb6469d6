using System.ComponentModel;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Features.Records;
using Appraisal.PartyBuilding.Web.Platform;
using Hangfire.Server;

namespace Appraisal.PartyBuilding.Web.Features.Jobs;

/// <summary>
/// Large imports as queued work: the same services as the synchronous endpoints and pages, run as the user who
/// uploaded the file (its scope decides what may be imported), with the same answer.
/// </summary>
public sealed class ImportJobs(JobOwner owner, CurrentUser user, IServiceProvider services)
{
    public const string OrganizationsKind = "organizations-import";

    public const string RecordsKind = "records-import";

    [DisplayName("组织导入（{0}）")]
    public async Task OrganizationsAsync(string login, string[] confirmations, PerformContext context, CancellationToken cancellationToken)
    {
        if (await owner.PrincipalAsync(login, cancellationToken) is not { } principal)
        {
            JobRun.AccountGone(context, login);
            return;
        }

        owner.Act(principal);
        JobRun.Report(context, 10, "正在校验并导入");
        using var file = new MemoryStream(JobRun.Upload(context));
        var outcome = await services.GetRequiredService<OrganizationImport>().ImportAsync(file, login, await user.ScopeAsync(cancellationToken), confirmations, cancellationToken);
        if (outcome.Succeeded)
        {
            JobRun.Succeed(context, new ImportResponse(outcome.Imported, outcome.Inserted, outcome.Updated, outcome.Unchanged));
        }
        else if (outcome.NeedsConfirmation)
        {
            var problem = ImportProblems.Unconfirmed(outcome).ProblemDetails;
            JobRun.Refuse(context, StatusCodes.Status409Conflict, problem.Title!, problem.Detail, outcome.Errors);
        }
        else
        {
            Rejected(context, outcome.Errors);
        }
    }

    [DisplayName("会议记录导入（{0}）")]
    public async Task RecordsAsync(string login, PerformContext context, CancellationToken cancellationToken)
    {
        if (await owner.PrincipalAsync(login, cancellationToken) is not { } principal)
        {
            JobRun.AccountGone(context, login);
            return;
        }

        owner.Act(principal);
        JobRun.Report(context, 10, "正在校验并导入");
        using var file = new MemoryStream(JobRun.Upload(context));
        var outcome = await services.GetRequiredService<RecordImport>().ImportAsync(file, login, cancellationToken);
        if (outcome.Succeeded)
        {
            JobRun.Succeed(context, new RecordImportResponse(outcome.Imported, outcome.Skipped.Count, outcome.Skipped));
        }
        else
        {
            Rejected(context, outcome.Errors);
        }
    }

    private static void Rejected(PerformContext context, IReadOnlyList<ImportError> errors) =>
        JobRun.Refuse(context, StatusCodes.Status400BadRequest, ImportProblems.RejectedTitle, ImportProblems.RejectedDetail(errors.Count), errors);
}
