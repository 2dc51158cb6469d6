using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Loop;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Rectification;

/// <summary>
/// The people's steps of the rectification chain: the branch secretary reports progress (and asks for sign-off), a
/// leader of an organization above the branch signs the item off or sends it back with an opinion. Every step is kept
/// in the item's history and audited.
/// </summary>
public sealed class RectificationWorkflow(AppraisalDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string ReportAction = "rectification.report";
    public const string ReviewAction = "rectification.review";
    public const int MaxTextLength = 2000;

    /// <summary>Items of branches within <paramref name="scopePath"/>, with the branch.</summary>
    public IQueryable<RectificationItem> Visible(string scopePath) =>
        db.RectificationItems.AsNoTracking().Include(i => i.Branch).Where(i => i.Branch!.Path.StartsWith(scopePath));

    /// <summary>One item within scope with its history and reminders, or null.</summary>
    public Task<RectificationItem?> FindAsync(long id, string scopePath, CancellationToken cancellationToken) =>
        Visible(scopePath).Include(i => i.History).Include(i => i.Reminders).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    /// <summary>Reminders addressed to organizations within <paramref name="scopePath"/> (escalations reach the parent's pages).</summary>
    public IQueryable<RectificationReminder> RemindersFor(string scopePath) =>
        db.RectificationReminders.AsNoTracking().Include(r => r.RecipientOrganization).Where(r => r.RecipientOrganization!.Path.StartsWith(scopePath));

    public async Task<StepOutcome<RectificationItem>> ReportAsync(long id, Organization scope, string login, string? text, bool requestSignOff, CancellationToken cancellationToken)
    {
        var item = await Tracked(id, scope.Path, cancellationToken);
        if (item is null)
        {
            return StepOutcome<RectificationItem>.NotFound("整改事项不存在");
        }

        if (item.BranchId != scope.Id)
        {
            return StepOutcome<RectificationItem>.Refused(StatusCodes.Status403Forbidden, "不能报告进展", "整改进展由本支部书记报告。");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxTextLength)
        {
            return StepOutcome<RectificationItem>.Invalid("进展报告有误", new() { ["text"] = [string.IsNullOrWhiteSpace(text) ? "请填写整改进展" : $"整改进展最多{MaxTextLength}个字"] });
        }

        if (!RectificationSchedule.IsActive(item.State))
        {
            return StepOutcome<RectificationItem>.Refused(StatusCodes.Status409Conflict, "不能报告进展", $"该事项当前为“{item.State.DisplayName()}”，{(item.State == RectificationState.Submitted ? "正等待党委领导审核" : "无需再报告进展")}。");
        }

        var now = clock.GetUtcNow();
        item.History.Add(new RectificationEntry { At = now, Actor = login, Kind = RectificationEntryKind.Progress, Text = text.Trim() });
        if (requestSignOff)
        {
            item.State = RectificationState.Submitted;
            item.History.Add(new RectificationEntry { At = now, Actor = login, Kind = RectificationEntryKind.Submitted, Text = "整改完成，申请销号" });
        }

        audit.Record(login, ReportAction, Target(item), (requestSignOff ? "报告进展并申请销号：" : "报告进展：") + Shorten(text.Trim()), item.Branch!.Path);
        return await SaveAsync(item, cancellationToken);
    }

    public async Task<StepOutcome<RectificationItem>> ReviewAsync(long id, Organization scope, string login, bool? signOff, string? opinion, CancellationToken cancellationToken)
    {
        var item = await Tracked(id, scope.Path, cancellationToken);
        if (item is null)
        {
            return StepOutcome<RectificationItem>.NotFound("整改事项不存在");
        }

        if (item.BranchId == scope.Id)
        {
            return StepOutcome<RectificationItem>.Refused(StatusCodes.Status403Forbidden, "不能审核", "整改事项由支部的上级党组织领导审核。");
        }

        var errors = new Dictionary<string, string[]>();
        if (signOff is null)
        {
            errors["signOff"] = ["请选择审核通过（signOff = true）或退回（signOff = false）"];
        }

        if (signOff == false && string.IsNullOrWhiteSpace(opinion))
        {
            errors["opinion"] = ["退回时请填写意见，说明还需整改什么"];
        }
        else if (opinion is not null && opinion.Trim().Length > MaxTextLength)
        {
            errors["opinion"] = [$"意见最多{MaxTextLength}个字"];
        }

        if (errors.Count > 0)
        {
            return StepOutcome<RectificationItem>.Invalid("审核内容有误", errors);
        }

        if (item.State != RectificationState.Submitted)
        {
            return StepOutcome<RectificationItem>.Refused(StatusCodes.Status409Conflict, "不能审核", $"该事项当前为“{item.State.DisplayName()}”，支部申请销号后才能审核。");
        }

        var now = clock.GetUtcNow();
        var text = string.IsNullOrWhiteSpace(opinion) ? "同意销号，待下季度复查" : opinion.Trim();
        if (signOff == true)
        {
            item.State = RectificationState.SignedOff;
            item.History.Add(new RectificationEntry { At = now, Actor = login, Kind = RectificationEntryKind.SignedOff, Text = text });
        }
        else
        {
            item.State = RectificationState.Returned;
            item.History.Add(new RectificationEntry { At = now, Actor = login, Kind = RectificationEntryKind.SentBack, Text = text });
        }

        audit.Record(login, ReviewAction, Target(item), (signOff == true ? "审核通过：" : "退回：") + Shorten(text), item.Branch!.Path);
        return await SaveAsync(item, cancellationToken);
    }

    public static string Target(RectificationItem item) => $"{item.Branch!.Code}/{item.IndicatorCode}#{item.Id}";

    private Task<RectificationItem?> Tracked(long id, string scopePath, CancellationToken cancellationToken) =>
        db.RectificationItems.Include(i => i.Branch).Include(i => i.History).Include(i => i.Reminders)
            .SingleOrDefaultAsync(i => i.Id == id && i.Branch!.Path.StartsWith(scopePath), cancellationToken);

    private async Task<StepOutcome<RectificationItem>> SaveAsync(RectificationItem item, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StepOutcome<RectificationItem>.Refused(StatusCodes.Status409Conflict, "事项已变化", "该事项刚刚被他人处理，请刷新后重试。");
        }

        return StepOutcome<RectificationItem>.Done(item);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..299] + "…";

    /// <summary>Whether an item is overdue today (China date).</summary>
    public static bool IsOverdue(RectificationItem item, DateTimeOffset now) =>
        RectificationSchedule.IsOverdue(item.State, item.Deadline, ChinaTime.DateOf(now));
}
