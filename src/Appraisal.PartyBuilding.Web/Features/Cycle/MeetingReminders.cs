using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Reminders;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Cycle;

/// <summary>
/// The monthly reminder: every branch that has not yet (validly) held this month's required meetings gets one
/// reminder for the month, naming what is missing (<see cref="MonthlyMeetingCheck"/> over the records the shared
/// <see cref="BranchEvidenceReader"/> reader loads). Idempotent: a second run in the same month updates the month's
/// reminder to what is missing now, and removes it from a branch that has caught up.
/// </summary>
public sealed class MeetingReminders(AppraisalDbContext db, PackCatalog catalog, AuditLog audit, TimeProvider clock)
{
    public async Task<ReminderSummary> RunAsync(string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var quarter = AssessmentQuarter.Of(today);
        var key = Reminder.MonthKey(today);
        var branches = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Branch && o.CategoryCode != null)
            .Include(o => o.Groups)
            .ToListAsync(cancellationToken);
        var evidence = await BranchEvidenceReader.LoadAsync(db, quarter, null, null, cancellationToken);
        var existing = await db.Reminders
            .Where(r => r.Kind == Reminder.MonthlyMeetings && r.Key == key)
            .ToDictionaryAsync(r => r.OrganizationId, cancellationToken);

        var reminded = 0;
        var cleared = 0;
        var packs = await catalog.ForQuarterAsync(db, quarter, cancellationToken);
        foreach (var branch in branches)
        {
            if (packs.FindCategory(branch.CategoryCode!) is not { } category)
            {
                continue;
            }

            var rules = category.Dimensions.SelectMany(d => d.Indicators).Select(i => i.Rule).OfType<RecordFrequencyRule>();
            var missing = MonthlyMeetingCheck.Missing(evidence.For(branch, category), rules, today);
            existing.TryGetValue(branch.Id, out var reminder);
            if (missing.Count == 0)
            {
                if (reminder is not null)
                {
                    db.Reminders.Remove(reminder);
                    cleared++;
                }

                continue;
            }

            var message = MonthlyMeetingCheck.Message(missing, today);
            if (reminder is null)
            {
                db.Reminders.Add(new Reminder { OrganizationId = branch.Id, Kind = Reminder.MonthlyMeetings, Key = key, Message = message, CreatedAt = now, UpdatedAt = now });
            }
            else if (reminder.Message != message)
            {
                reminder.Message = message;
                reminder.UpdatedAt = now;
            }

            reminded++;
        }

        audit.Record(actor, "reminders.meetings", key, $"{reminded}个党支部本月尚缺应开会议，已提醒；{cleared}个已补齐，撤销提醒");
        await db.SaveChangesAsync(cancellationToken);
        return new ReminderSummary(key, reminded, cleared);
    }
}

/// <param name="Month">The month, e.g. <c>2026-11</c>.</param>
/// <param name="Reminded">Branches with a reminder for the month after this run.</param>
/// <param name="Cleared">Branches whose reminder was removed because nothing is missing any more.</param>
public sealed record ReminderSummary(string Month, int Reminded, int Cleared)
{
    public override string ToString() => $"{Month}: {Reminded} reminded, {Cleared} cleared";
}
