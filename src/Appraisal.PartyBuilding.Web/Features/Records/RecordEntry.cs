using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>The result of a change to a record: the status code the API answers with, the record, or what is wrong.</summary>
public sealed record RecordOutcome(int Status, MeetingRecord? Record, IReadOnlyDictionary<string, string[]> Errors, string? Message)
{
    public bool Succeeded => Status is StatusCodes.Status200OK or StatusCodes.Status201Created;

    public static RecordOutcome Done(MeetingRecord record, int status = StatusCodes.Status200OK) => new(status, record, new Dictionary<string, string[]>(), null);

    public static RecordOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(StatusCodes.Status400BadRequest, null, errors, "会议记录填写有误");

    public static RecordOutcome Refused(int status, string message) => new(status, null, new Dictionary<string, string[]>(), message);
}

/// <summary>
/// Enters, corrects and resubmits meeting records and adds their attachments — for the phone form and the API alike.
/// Every change is checked by <see cref="MeetingEntryRules"/>, refused when the quarter's period no longer accepts
/// records, saved in one transaction with its history step and audit entry, and followed by the copied-minutes check.
/// </summary>
public sealed class RecordEntry(
    AppraisalDbContext db,
    RecordScope scope,
    AttachmentStore store,
    MinutesCopyCheck copies,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>The form and API name of each field; attachments are <c>files</c>.</summary>
    public static string Key(MeetingField field) => field switch
    {
        MeetingField.Branch => "branchCode",
        MeetingField.Type => "type",
        MeetingField.Date => "date",
        MeetingField.Expected => "expected",
        MeetingField.Present => "present",
        MeetingField.Topic => "topic",
        MeetingField.Group => "group",
        MeetingField.Minutes => "minutes",
        _ => field.ToString(),
    };

    public const string FilesKey = "files";

    /// <summary>The answer (409) to a change that lost a race with another change of the same record.</summary>
    public const string ConflictMessage = "该记录刚刚已被他人审核或修改，本次操作未生效，请刷新页面查看最新内容后重试";

    public async Task<RecordOutcome> CreateAsync(Organization branch, MeetingEntry entry, IReadOnlyList<IFormFile> files, string actor, CancellationToken cancellationToken)
    {
        var errors = await CheckAsync(branch, entry, null, cancellationToken);
        var check = await store.CheckAsync(files, 0, 0, cancellationToken);
        if (!check.Succeeded)
        {
            errors[FilesKey] = [.. check.Errors];
        }

        if (errors.Count > 0)
        {
            return RecordOutcome.Invalid(errors);
        }

        if (MeetingEntryRules.QuarterClosed(entry.Quarter, await scope.PeriodStateAsync(entry.Quarter, cancellationToken)) is { } closed)
        {
            return RecordOutcome.Refused(StatusCodes.Status409Conflict, closed);
        }

        var written = new List<MeetingAttachment>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var record = new MeetingRecord
            {
                BranchId = branch.Id,
                Type = entry.Type,
                Date = entry.Date,
                Expected = entry.Expected,
                Present = entry.Present,
                Topic = entry.Topic.Trim(),
                GroupName = entry.GroupName,
                Minutes = CleanMinutes(entry.Minutes),
                Status = RecordStatus.Submitted,
                CreatedAt = now,
            };
            db.MeetingRecords.Add(record);
            await db.SaveChangesAsync(cancellationToken);

            Step(record, actor, RecordAction.Created, null, Describe(record));
            await AttachAsync(record, check.Files, actor, written, cancellationToken);
            await copies.RefreshAsync(record, cancellationToken);
            audit.Record(actor, "records.create", Target(branch, record), Describe(record), branch.Path);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return RecordOutcome.Done(record, StatusCodes.Status201Created);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            store.Discard(written);
            return await DuplicateAsync(branch, entry, null, exception, cancellationToken);
        }
        catch
        {
            store.Discard(written);
            throw;
        }
    }

    /// <summary>
    /// The same meeting was stored by a parallel request between our check and our insert (the unique index refused
    /// ours): answer exactly as the check would have, had it run a moment later.
    /// </summary>
    private async Task<RecordOutcome> DuplicateAsync(Organization branch, MeetingEntry entry, long? self, DbUpdateException exception, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var errors = await CheckAsync(branch, entry, self, cancellationToken);
        return errors.Count > 0 ? RecordOutcome.Invalid(errors) : throw exception;
    }

    /// <summary>
    /// Corrects a record that is waiting for review or was returned; a returned record goes back to review
    /// (重新提交). An approved record is locked.
    /// </summary>
    public async Task<RecordOutcome> CorrectAsync(MeetingRecord record, MeetingEntry entry, IReadOnlyList<IFormFile> files, string actor, CancellationToken cancellationToken)
    {
        var branch = record.Branch!;
        if (record.Status == RecordStatus.Approved)
        {
            return RecordOutcome.Refused(StatusCodes.Status409Conflict, "该记录已审核通过，不能再修改");
        }

        var errors = await CheckAsync(branch, entry, record.Id, cancellationToken);
        var stored = await StoredAsync(record.Id, cancellationToken);
        var check = await store.CheckAsync(files, stored.Bytes, stored.Count, cancellationToken);
        if (!check.Succeeded)
        {
            errors[FilesKey] = [.. check.Errors];
        }

        if (errors.Count > 0)
        {
            return RecordOutcome.Invalid(errors);
        }

        var oldQuarter = Contracts.AssessmentQuarter.Of(record.Date);
        var states = await scope.PeriodStatesAsync([oldQuarter, entry.Quarter], cancellationToken);
        foreach (var quarter in new[] { oldQuarter, entry.Quarter }.Distinct())
        {
            if (MeetingEntryRules.QuarterClosed(quarter, states.TryGetValue(quarter, out var state) ? state : null) is { } closed)
            {
                return RecordOutcome.Refused(StatusCodes.Status409Conflict, closed);
            }
        }

        var changes = Changes(record, entry);
        var minutesChanged = !string.Equals(record.Minutes, CleanMinutes(entry.Minutes), StringComparison.Ordinal);
        var resubmitted = record.Status == RecordStatus.Returned;
        var written = new List<MeetingAttachment>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            record.Type = entry.Type;
            record.Date = entry.Date;
            record.Expected = entry.Expected;
            record.Present = entry.Present;
            record.Topic = entry.Topic.Trim();
            record.GroupName = entry.GroupName;
            record.Minutes = CleanMinutes(entry.Minutes);
            record.Status = RecordStatus.Submitted;
            record.ReviewOpinion = null;
            Step(record, actor, resubmitted ? RecordAction.Resubmitted : RecordAction.Corrected, null, changes.Count == 0 ? "内容未改动" : string.Join("；", changes));
            await AttachAsync(record, check.Files, actor, written, cancellationToken);
            if (minutesChanged)
            {
                await copies.RefreshAsync(record, cancellationToken);
            }

            audit.Record(actor, resubmitted ? "records.resubmit" : "records.correct", Target(branch, record), Shorten(string.Join("；", changes)), branch.Path);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return RecordOutcome.Done(record);
        }
        catch (DbUpdateConcurrencyException)
        {
            store.Discard(written);
            return RecordOutcome.Refused(StatusCodes.Status409Conflict, ConflictMessage);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            store.Discard(written);
            return await DuplicateAsync(branch, entry, record.Id, exception, cancellationToken);
        }
        catch
        {
            store.Discard(written);
            throw;
        }
    }

    /// <summary>Adds photos or PDFs to a record that is not approved yet, in a quarter that still accepts records.</summary>
    public async Task<RecordOutcome> AddAttachmentsAsync(MeetingRecord record, IReadOnlyList<IFormFile> files, string actor, CancellationToken cancellationToken)
    {
        if (record.Status == RecordStatus.Approved)
        {
            return RecordOutcome.Refused(StatusCodes.Status409Conflict, "该记录已审核通过，不能再添加附件");
        }

        if (files.Count == 0)
        {
            return RecordOutcome.Invalid(new Dictionary<string, string[]> { [FilesKey] = ["请选择要上传的照片或PDF文件"] });
        }

        var stored = await StoredAsync(record.Id, cancellationToken);
        var check = await store.CheckAsync(files, stored.Bytes, stored.Count, cancellationToken);
        if (!check.Succeeded)
        {
            return RecordOutcome.Invalid(new Dictionary<string, string[]> { [FilesKey] = [.. check.Errors] });
        }

        var quarter = Contracts.AssessmentQuarter.Of(record.Date);
        if (MeetingEntryRules.QuarterClosed(quarter, await scope.PeriodStateAsync(quarter, cancellationToken)) is { } closed)
        {
            return RecordOutcome.Refused(StatusCodes.Status409Conflict, closed);
        }

        var written = new List<MeetingAttachment>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await AttachAsync(record, check.Files, actor, written, cancellationToken);
            audit.Record(actor, "records.attach", Target(record.Branch!, record), string.Join("、", written.Select(w => w.FileName)), record.Branch!.Path);

            // Adding files changes the record too (what a reviewer approves): its version moves, so a review that
            // read it before the files came in is refused.
            db.Entry(record).State = EntityState.Modified;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return RecordOutcome.Done(record);
        }
        catch (DbUpdateConcurrencyException)
        {
            store.Discard(written);
            return RecordOutcome.Refused(StatusCodes.Status409Conflict, ConflictMessage);
        }
        catch
        {
            store.Discard(written);
            throw;
        }
    }

    /// <summary>Appends a history step to a record (saved with the caller's change).</summary>
    public void Step(MeetingRecord record, string actor, RecordAction action, string? opinion, string? changes) =>
        db.MeetingRecordEvents.Add(StepOf(record, actor, action, opinion, changes));

    /// <summary>A history step of a record, not yet added to anything (a bulk writer stores it with the record).</summary>
    public MeetingRecordEvent StepOf(MeetingRecord record, string actor, RecordAction action, string? opinion, string? changes) =>
        new()
        {
            MeetingRecordId = record.Id,
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            Status = record.Status,
            Opinion = opinion,
            Changes = changes is null ? null : Shorten(changes),
        };

    public static string Target(Organization branch, MeetingRecord record) => $"{branch.Code}#{record.Id}";

    /// <summary>A one-line summary, e.g. <c>2026年7月3日 支部委员会 应到5人 实到4人 “…”</c>.</summary>
    public static string Describe(MeetingRecord record) =>
        $"{MeetingEntryRules.Text(record.Date)} {record.Type.DisplayName()}{(record.GroupName is null ? "" : $"（{record.GroupName}）")} 应到{record.Expected}人 实到{record.Present}人 “{record.Topic}”";

    /// <summary>
    /// What the entry form proposes for a branch today: the first required meeting not yet recorded in its window
    /// (支委会 and 主题党日 this month, 党员大会 and 党课 this quarter, 组织生活会 and 民主评议 this year), else the first type
    /// with nothing recorded today — so that the proposal (type, today) never collides with a stored meeting, as it did
    /// when it was always today's 支委会. 党小组会 is never proposed: it needs a group chosen.
    /// </summary>
    public static MeetingType Propose(Organization branch, DateOnly today, IReadOnlyCollection<(MeetingType Type, DateOnly Date)> recorded)
    {
        MeetingType[] candidates = branch.CommitteeSize > 0
            ? [MeetingType.Committee, MeetingType.ThemeDay, MeetingType.Assembly, MeetingType.Lecture, MeetingType.LifeMeeting, MeetingType.Review]
            : [MeetingType.ThemeDay, MeetingType.Assembly, MeetingType.Lecture, MeetingType.LifeMeeting, MeetingType.Review];
        bool InWindow(MeetingType type, DateOnly date) => type switch
        {
            MeetingType.Committee or MeetingType.ThemeDay => date.Year == today.Year && date.Month == today.Month,
            MeetingType.Assembly or MeetingType.Lecture => AssessmentQuarter.Of(date) == AssessmentQuarter.Of(today),
            _ => date.Year == today.Year,
        };

        return candidates.Cast<MeetingType?>().FirstOrDefault(t => !recorded.Any(r => r.Type == t && InWindow(t.Value, r.Date)))
            ?? candidates.Cast<MeetingType?>().FirstOrDefault(t => !recorded.Any(r => r.Type == t && r.Date == today))
            ?? candidates[0];
    }

    /// <summary>The branch's meetings of this year up to today (any status: the unique key holds them all), for the form.</summary>
    public async Task<IReadOnlyList<(MeetingType Type, DateOnly Date, string? Group)>> RecordedThisYearAsync(Organization branch, CancellationToken cancellationToken)
    {
        var today = scope.Today;
        var start = new DateOnly(today.Year, 1, 1);
        var rows = await db.MeetingRecords.AsNoTracking()
            .Where(r => r.BranchId == branch.Id && r.Date >= start && r.Date <= today)
            .Select(r => new { r.Type, r.Date, r.GroupName })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Type, r.Date, r.GroupName)).ToList();
    }

    /// <summary>
    /// Everything wrong with an input at once: the fields that are missing or not understood, and the rules on all the
    /// other fields (with stand-ins for the missing ones), including the duplicate check when type and date are known.
    /// Returns the entry only when nothing is wrong.
    /// </summary>
    public async Task<(MeetingEntry? Entry, Dictionary<string, string[]> Errors)> CheckInputAsync(Organization branch, RecordInput input, long? self, CancellationToken cancellationToken)
    {
        var (parsed, errors) = input.Parse();
        var draft = parsed ?? input.Draft(scope.Today);
        var typeKnown = !errors.ContainsKey("type");
        var rules = await CheckAsync(branch, draft, self, cancellationToken, duplicates: typeKnown && !errors.ContainsKey("date"));
        foreach (var (key, messages) in rules)
        {
            // A rule on a stand-in says nothing about what was typed: 实到 against a missing 应到, a group against a missing type.
            var aboutStandIn = errors.ContainsKey(key)
                || (key == "present" && input.Expected is null)
                || (key == "group" && !typeKnown);
            if (!aboutStandIn)
            {
                errors[key] = messages;
            }
        }

        return (errors.Count == 0 ? parsed : null, errors);
    }

    private async Task<Dictionary<string, string[]>> CheckAsync(Organization branch, MeetingEntry entry, long? self, CancellationToken cancellationToken, bool duplicates = true)
    {
        var errors = MeetingEntryRules.Check(entry, branch.Groups.Select(g => g.Name).ToList(), scope.Today)
            .GroupBy(e => Key(e.Field))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        if (duplicates && !errors.ContainsKey("date") && !errors.ContainsKey("group"))
        {
            var sameDay = await db.MeetingRecords.AsNoTracking()
                .Where(r => r.BranchId == branch.Id && r.Date == entry.Date && r.Type == entry.Type && r.Id != (self ?? 0))
                .ToListAsync(cancellationToken);
            var duplicate = sameDay.FirstOrDefault(r => MeetingEntryRules.Key(MeetingImportPlanner.Entry(r)) == MeetingEntryRules.Key(entry));
            if (duplicate is not null)
            {
                errors["date"] = [$"本支部{MeetingEntryRules.Text(entry.Date)}的{entry.Type.DisplayName()}{(entry.GroupName is null ? "" : $"（{entry.GroupName}）")}已录入（编号{duplicate.Id}），同一次会议不能重复录入"];
            }
        }

        return errors;
    }

    private async Task<(long Bytes, int Count)> StoredAsync(long recordId, CancellationToken cancellationToken)
    {
        var sizes = await db.MeetingAttachments.AsNoTracking().Where(a => a.MeetingRecordId == recordId).Select(a => a.Size).ToListAsync(cancellationToken);
        return (sizes.Sum(), sizes.Count);
    }

    private async Task AttachAsync(MeetingRecord record, IReadOnlyList<AcceptedFile> files, string actor, List<MeetingAttachment> written, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return;
        }

        foreach (var file in files)
        {
            var attachment = await store.WriteAsync(file, record.Id, actor, cancellationToken);
            written.Add(attachment);
            db.MeetingAttachments.Add(attachment);
        }

        Step(record, actor, RecordAction.AttachmentAdded, null, string.Join("、", files.Select(f => $"{f.FileName}（{AttachmentStore.Size(f.Content.LongLength)}）")));
    }

    private static List<string> Changes(MeetingRecord record, MeetingEntry entry)
    {
        var changes = new List<string>();
        void Compare(string name, string? before, string? after)
        {
            if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
            {
                changes.Add($"{name}：{(string.IsNullOrEmpty(before) ? "（空）" : before)} → {(string.IsNullOrEmpty(after) ? "（空）" : after)}");
            }
        }

        Compare("会议类型", record.Type.DisplayName(), entry.Type.DisplayName());
        Compare("日期", MeetingEntryRules.Text(record.Date), MeetingEntryRules.Text(entry.Date));
        Compare("应到人数", record.Expected.ToString(), entry.Expected.ToString());
        Compare("实到人数", record.Present.ToString(), entry.Present.ToString());
        Compare("主题", record.Topic, entry.Topic.Trim());
        Compare("党小组", record.GroupName, entry.GroupName);
        if (!string.Equals(record.Minutes ?? "", CleanMinutes(entry.Minutes) ?? "", StringComparison.Ordinal))
        {
            changes.Add($"会议记录：{(record.Minutes ?? "").Length}字 → {(CleanMinutes(entry.Minutes) ?? "").Length}字");
        }

        return changes;
    }

    private static string? CleanMinutes(string? minutes) => string.IsNullOrWhiteSpace(minutes) ? null : minutes.Trim();

    private static string Shorten(string text) => text.Length <= 4000 ? text : text[..3999] + "…";
}
