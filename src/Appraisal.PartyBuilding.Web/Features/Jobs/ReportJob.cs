using System.ComponentModel;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Reports;
using Appraisal.PartyBuilding.Web.Platform;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Jobs;

/// <summary>
/// The quarterly report (季度通报) .xlsx for the user's subtree as queued work: the same data and refusals as
/// <c>GET /api/v1/periods/{id}/report</c>; the file is kept with the job for its owner to download.
/// </summary>
public sealed class ReportJob(AppraisalDbContext db, QuarterlyReports reports, JobOwner owner, CurrentUser user)
{
    public const string Kind = "report";

    [DisplayName("季度通报：考核期 {0}（{1}）")]
    public async Task GenerateAsync(int periodId, string login, PerformContext context, CancellationToken cancellationToken)
    {
        if (await owner.PrincipalAsync(login, cancellationToken) is not { } principal)
        {
            JobRun.AccountGone(context, login);
            return;
        }

        owner.Act(principal);
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            JobRun.Refuse(context, StatusCodes.Status404NotFound, "暂无季度通报", "考核期不存在。");
            return;
        }

        if (QuarterlyReports.Refusal(period, user.Role) is { } refusal)
        {
            JobRun.Refuse(context, StatusCodes.Status409Conflict, "暂无季度通报", refusal);
            return;
        }

        JobRun.Report(context, 20, "正在汇总数据并生成 Excel 文件");
        var content = await reports.WriteAsync(period, await user.ScopeAsync(cancellationToken), cancellationToken);
        context.SetJobParameter(BackgroundWork.FileParameter, content);
        JobRun.Succeed(context, new ReportFile(periodId, QuarterlyReports.FileName(period), JobsApi.FileUrl(context.BackgroundJob.Id), content.Length));
    }
}

/// <param name="FileUrl">Where the job's owner downloads the file.</param>
public sealed record ReportFile(int PeriodId, string FileName, string FileUrl, int Bytes);
