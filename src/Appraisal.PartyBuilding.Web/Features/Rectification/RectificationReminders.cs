using System.Data.Common;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Rectification;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Rectification;

/// <summary>
/// Sends the reminders that are due (T−7, T−3, overdue to the branch; escalation to the parent organization) as
/// reminder rows shown on the branch's and the parent's pages. A plain service for a scheduled job to call once a day
/// or more often: each kind is stored once per item and deadline (a unique index backs this when two nodes run it at
/// once), so running it again the same day sends nothing.
/// </summary>
/// <remarks>
/// A province's final move lists over a million items (docs/PERFORMANCE.md), all due on the same day. The run reads
/// the due items <see cref="ScoringOptions.ChunkSize"/> at a time by id, as projections, and writes each chunk's
/// reminders in bulk (<see cref="IRectificationWriter"/>) before reading the next, all in one transaction with the run's
/// audit entry: memory holds one chunk whatever the number of items, and a run stores all its reminders or none
/// (issue 11).
/// </remarks>
public sealed class RectificationReminders(
    AppraisalDbContext db, IOptions<RectificationOptions> options, IOptions<ScoringOptions> chunks, IRectificationWriter writer, AuditLog audit, ILogger<RectificationReminders> logger)
{
    public const string RemindAction = "rectification.remind";

    /// <returns>The number of reminders stored by this run.</returns>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var rules = options.Value.Reminders;
        var today = ChinaTime.DateOf(now);
        var horizon = today.AddDays(rules.FirstNoticeDays);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sent = 0;
        try
        {
            for (long after = 0; ;)
            {
                var items = await db.RectificationItems.AsNoTracking()
                    .Where(i => (i.State == RectificationState.Open || i.State == RectificationState.Returned || i.State == RectificationState.Reopened)
                        && i.Deadline <= horizon && i.Id > after)
                    .OrderBy(i => i.Id)
                    .Take(chunks.Value.ChunkSize)
                    .Select(i => new DueItem(
                        i.Id,
                        i.Deadline,
                        i.IndicatorName,
                        i.BranchId,
                        i.Branch!.Name,
                        i.Branch.ParentId,
                        i.Branch.Parent!.Name))
                    .ToListAsync(cancellationToken);
                if (items.Count == 0)
                {
                    break;
                }

                // The kinds already sent, by the chunk's id range on the reminders' (item, kind, deadline) index: joined
                // to the items in the query above, PostgreSQL hashed every reminder stored so far for every chunk.
                var (first, last) = (items[0].Id, items[^1].Id);
                var sentBefore = (await db.RectificationReminders.AsNoTracking()
                        .Where(r => r.ItemId >= first && r.ItemId <= last)
                        .Select(r => new { r.ItemId, r.Kind, r.Deadline })
                        .ToListAsync(cancellationToken))
                    .ToLookup(r => r.ItemId);
                after = last;
                var reminders = new List<RectificationReminder>();
                foreach (var item in items)
                {
                    var already = sentBefore[item.Id].Where(r => r.Deadline == item.Deadline).Select(r => r.Kind).ToList();
                    foreach (var kind in RectificationSchedule.Due(item.Deadline, today, already, rules))
                    {
                        reminders.Add(new RectificationReminder
                        {
                            ItemId = item.Id,
                            Kind = kind,
                            Deadline = item.Deadline,
                            RecipientOrganizationId = kind == ReminderKind.Escalated ? item.ParentId ?? item.BranchId : item.BranchId,
                            At = now,
                            Message = Message(item, kind, today),
                        });
                    }
                }

                await writer.InsertRemindersAsync(db, reminders, cancellationToken);
                sent += reminders.Count;
            }

            if (sent == 0)
            {
                return 0;
            }

            audit.Record(AuditLog.System, RemindAction, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"发送整改提醒{sent}条");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another run stored the same reminders first (the bulk writer hit the unique index): they are sent, which
            // is what matters. The transaction rolls back this run's reminders and its audit entry.
            logger.LogWarning(exception, "Rectification reminders of {Today} were stored by a concurrent run", today);
            db.ChangeTracker.Clear();
            return 0;
        }

        logger.LogInformation("Stored {Count} rectification reminders for {Today}", sent, today);
        return sent;
    }

    private static string Message(DueItem item, ReminderKind kind, DateOnly today)
    {
        var what = $"{item.BranchName}的整改事项“{item.IndicatorName}”";
        var deadline = item.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var overdueDays = today.DayNumber - item.Deadline.DayNumber;
        return kind switch
        {
            ReminderKind.DueIn7Days or ReminderKind.DueIn3Days =>
                $"{what}将于{deadline}到期（还有{item.Deadline.DayNumber - today.DayNumber}天），请及时报告整改进展并申请销号。",
            ReminderKind.Overdue => $"{what}已于{deadline}到期，现已逾期，请尽快完成整改并报告。",
            ReminderKind.Escalated => $"督办：{what}已逾期{overdueDays}天（期限{deadline}），请{item.ParentName ?? "上级组织"}督促整改。",
            _ => what,
        };
    }

    /// <summary>What a reminder needs of an item due: its deadline and names.</summary>
    private sealed record DueItem(long Id, DateOnly Deadline, string IndicatorName, int BranchId, string BranchName, int? ParentId, string? ParentName);
}
