using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Evidence;

/// <summary>
/// Saves batches of KPI values, events and rating answers, from the JSON API or an .xlsx, all or nothing. Each item
/// is checked against the branch (exists, is a 党支部, lies in the caller's scope — an out-of-scope branch reads as
/// non-existent), the codes its category's rules use, the calendar and the final periods; a batch with any error
/// saves nothing. An item equal to what is stored is skipped and reported, so a re-send is harmless.
/// </summary>
public sealed class EvidenceEntry(AppraisalDbContext db, PackCatalog catalog, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);
    private const int MaxAuditChanges = 20;

    public Task<EvidenceOutcome> SaveKpisAsync(IReadOnlyList<KpiDraft> drafts, IReadOnlyList<EvidenceError> readErrors, EvidenceSource source, Func<int, string> describe, CancellationToken cancellationToken) =>
        SaveKpisAsync(drafts, readErrors, source, null, describe, cancellationToken);

    /// <param name="captureSourceId">With <see cref="EvidenceSource.Capture"/>: the configured source the values were pulled from.</param>
    public async Task<EvidenceOutcome> SaveKpisAsync(IReadOnlyList<KpiDraft> drafts, IReadOnlyList<EvidenceError> readErrors, EvidenceSource source, int? captureSourceId, Func<int, string> describe, CancellationToken cancellationToken)
    {
        var errors = readErrors.ToList();
        var conflicts = new List<EvidenceError>();
        var checks = await ChecksAsync(cancellationToken);
        var accepted = new List<(KpiDraft Draft, Target Branch)>();
        var seen = new Dictionary<(int, int, int, string), int>();
        foreach (var draft in drafts)
        {
            var before = errors.Count;
            var (branch, vocabulary) = checks.Branch(draft.Position, draft.BranchCode, errors);
            if (vocabulary is not null && !vocabulary.Kpis.ContainsKey(draft.KpiCode))
            {
                errors.Add(new(draft.Position, EvidenceFields.KpiCode, $"支部“{branch!.Code}”的类别“{vocabulary.Category.Name}”不使用指标值“{draft.KpiCode}”（可用：{List(vocabulary.Kpis.Keys)}）"));
            }

            checks.Quarter(draft.Position, draft.Year, draft.Quarter, errors, conflicts);
            if (branch is not null && !seen.TryAdd((branch.Id, draft.Year, draft.Quarter, draft.KpiCode), draft.Position))
            {
                errors.Add(new(draft.Position, string.Empty, $"与{describe(seen[(branch.Id, draft.Year, draft.Quarter, draft.KpiCode)])}重复：同一支部同一季度的同一指标值只能报送一个"));
            }

            if (errors.Count == before && branch is not null)
            {
                accepted.Add((draft, branch));
            }
        }

        if (Refusal(errors, conflicts, drafts.Count) is { } refused)
        {
            return refused;
        }

        var ids = accepted.Select(a => a.Branch.Id).Distinct().ToList();
        var (minYear, maxYear) = (accepted.Min(a => a.Draft.Year), accepted.Max(a => a.Draft.Year));
        await using var transaction = await SerializedWrites.BeginAsync(db, "evidence", cancellationToken);
        var stored = await db.KpiValues
            .Where(k => ids.Contains(k.BranchId) && k.Year >= minYear && k.Year <= maxYear)
            .ToDictionaryAsync(k => (k.BranchId, k.Year, k.Quarter, k.KpiCode), cancellationToken);
        var result = new Tally(drafts.Count);
        var now = clock.GetUtcNow();
        foreach (var (draft, branch) in accepted)
        {
            var what = $"{branch.Code} {draft.Year}Q{draft.Quarter} {draft.KpiCode}";
            if (stored.TryGetValue((branch.Id, draft.Year, draft.Quarter, draft.KpiCode), out var existing))
            {
                if (existing.Value == draft.Value)
                {
                    result.Skip(draft.Position, $"支部“{branch.Code}”{EvidenceValues.Quarter(draft.Year, draft.Quarter)}的指标值“{draft.KpiCode}”已是{EvidenceValues.Show(draft.Value)}，已跳过");
                    continue;
                }

                result.Update($"{what} {EvidenceValues.Show(existing.Value)}→{EvidenceValues.Show(draft.Value)}");
                existing.Value = draft.Value;
                existing.Source = source;
                existing.EnteredBy = user.Login;
                existing.EnteredAt = now;
                existing.CaptureSourceId = captureSourceId;
                continue;
            }

            result.Insert();
            db.KpiValues.Add(new BranchKpiValue
            {
                BranchId = branch.Id,
                Year = draft.Year,
                Quarter = draft.Quarter,
                KpiCode = draft.KpiCode,
                Value = draft.Value,
                Source = source,
                EnteredBy = user.Login,
                EnteredAt = now,
                CaptureSourceId = captureSourceId,
            });
        }

        return await SaveAsync(transaction, "evidence.kpis", "指标值", Quarters(accepted.Select(a => (a.Draft.Year, a.Draft.Quarter))), source, result, cancellationToken);
    }

    public async Task<EvidenceOutcome> SaveEventsAsync(IReadOnlyList<EventDraft> drafts, IReadOnlyList<EvidenceError> readErrors, EvidenceSource source, Func<int, string> describe, CancellationToken cancellationToken)
    {
        var errors = readErrors.ToList();
        var conflicts = new List<EvidenceError>();
        var checks = await ChecksAsync(cancellationToken);
        var accepted = new List<(EventDraft Draft, Target Branch)>();
        var seen = new Dictionary<(int, DateOnly, string, string), int>();
        foreach (var draft in drafts)
        {
            var before = errors.Count;
            var (branch, vocabulary) = checks.Branch(draft.Position, draft.BranchCode, errors);
            if (vocabulary is not null && !vocabulary.EventTypes.ContainsKey(draft.EventType))
            {
                errors.Add(new(draft.Position, EvidenceFields.EventType, $"支部“{branch!.Code}”的类别“{vocabulary.Category.Name}”不使用事项类型“{draft.EventType}”（可用：{List(vocabulary.EventTypes.Keys)}）"));
            }

            checks.Date(draft.Position, draft.Date, errors, conflicts);
            var key = (branch?.Id ?? 0, draft.Date, draft.EventType, draft.Description ?? string.Empty);
            if (branch is not null && !seen.TryAdd(key, draft.Position))
            {
                errors.Add(new(draft.Position, string.Empty, $"与{describe(seen[key])}重复：同一支部同一天的同类事项请用不同的说明区分"));
            }

            if (errors.Count == before && branch is not null)
            {
                accepted.Add((draft, branch));
            }
        }

        if (Refusal(errors, conflicts, drafts.Count) is { } refused)
        {
            return refused;
        }

        var ids = accepted.Select(a => a.Branch.Id).Distinct().ToList();
        var (first, last) = (accepted.Min(a => a.Draft.Date), accepted.Max(a => a.Draft.Date));
        await using var transaction = await SerializedWrites.BeginAsync(db, "evidence", cancellationToken);
        var stored = (await db.EvidenceEvents.AsNoTracking()
                .Where(e => ids.Contains(e.BranchId) && e.Date >= first && e.Date <= last)
                .Select(e => new { e.BranchId, e.Date, e.EventType, e.Description })
                .ToListAsync(cancellationToken))
            .Select(e => (e.BranchId, e.Date, e.EventType, e.Description ?? string.Empty))
            .ToHashSet();
        var result = new Tally(drafts.Count);
        var now = clock.GetUtcNow();
        foreach (var (draft, branch) in accepted)
        {
            if (stored.Contains((branch.Id, draft.Date, draft.EventType, draft.Description ?? string.Empty)))
            {
                result.Skip(draft.Position, $"支部“{branch.Code}”{draft.Date:yyyy-MM-dd}的“{draft.EventType}”事项已保存，已跳过");
                continue;
            }

            result.Insert();
            db.EvidenceEvents.Add(new BranchEvent
            {
                BranchId = branch.Id,
                Date = draft.Date,
                EventType = draft.EventType,
                Description = draft.Description,
                // Entered by the 组织部 or an assessor: a bonus case counts as approved.
                Approved = true,
                Source = source,
                EnteredBy = user.Login,
                EnteredAt = now,
            });
        }

        return await SaveAsync(transaction, "evidence.events", "事项", Quarters(accepted.Select(a => (a.Draft.Date.Year, AssessmentQuarter.Of(a.Draft.Date).Number))), source, result, cancellationToken);
    }

    public async Task<EvidenceOutcome> SaveRatingsAsync(IReadOnlyList<RatingDraft> drafts, IReadOnlyList<EvidenceError> readErrors, EvidenceSource source, Func<int, string> describe, CancellationToken cancellationToken)
    {
        var errors = readErrors.ToList();
        var conflicts = new List<EvidenceError>();
        var checks = await ChecksAsync(cancellationToken);
        var accepted = new List<(RatingDraft Draft, Target Branch)>();
        var seen = new Dictionary<(int, int, int, string, RaterGroup, string), int>();
        foreach (var draft in drafts)
        {
            var before = errors.Count;
            var (branch, vocabulary) = checks.Branch(draft.Position, draft.BranchCode, errors);
            if (vocabulary is not null && !vocabulary.RatingQuestions.ContainsKey(draft.Question))
            {
                errors.Add(new(draft.Position, EvidenceFields.Question, $"支部“{branch!.Code}”的类别“{vocabulary.Category.Name}”不使用评价问题“{draft.Question}”（可用：{List(vocabulary.RatingQuestions.Keys)}）"));
            }

            checks.Quarter(draft.Position, draft.Year, draft.Quarter, errors, conflicts);
            // Without a rater reference two raters may well give the same score: only a referenced answer can repeat.
            if (branch is not null && draft.RaterReference is { } reference)
            {
                var key = (branch.Id, draft.Year, draft.Quarter, draft.Question, draft.RaterGroup, reference);
                if (!seen.TryAdd(key, draft.Position))
                {
                    errors.Add(new(draft.Position, EvidenceFields.RaterReference, $"与{describe(seen[key])}重复：同一评价人对同一支部同一问题每季度只能有一份答卷"));
                }
            }

            if (errors.Count == before && branch is not null)
            {
                accepted.Add((draft, branch));
            }
        }

        if (Refusal(errors, conflicts, drafts.Count) is { } refused)
        {
            return refused;
        }

        var ids = accepted.Select(a => a.Branch.Id).Distinct().ToList();
        var (minYear, maxYear) = (accepted.Min(a => a.Draft.Year), accepted.Max(a => a.Draft.Year));
        await using var transaction = await SerializedWrites.BeginAsync(db, "evidence", cancellationToken);
        var stored = (await db.RatingAnswers
                .Where(r => ids.Contains(r.BranchId) && r.Year >= minYear && r.Year <= maxYear && r.RaterReference != null)
                .ToListAsync(cancellationToken))
            .GroupBy(r => (r.BranchId, r.Year, r.Quarter, r.Question, r.RaterGroup, r.RaterReference!))
            .ToDictionary(g => g.Key, g => g.First());
        var result = new Tally(drafts.Count);
        var now = clock.GetUtcNow();
        foreach (var (draft, branch) in accepted)
        {
            if (draft.RaterReference is { } reference
                && stored.TryGetValue((branch.Id, draft.Year, draft.Quarter, draft.Question, draft.RaterGroup, reference), out var existing))
            {
                if (existing.Score == draft.Score)
                {
                    result.Skip(draft.Position, $"评价人“{reference}”对支部“{branch.Code}”的“{draft.Question}”答卷已保存，已跳过");
                    continue;
                }

                result.Update($"{branch.Code} {draft.Year}Q{draft.Quarter} {draft.Question} {reference} {EvidenceValues.Show(existing.Score)}→{EvidenceValues.Show(draft.Score)}");
                existing.Score = draft.Score;
                existing.Source = source;
                existing.EnteredBy = user.Login;
                existing.EnteredAt = now;
                continue;
            }

            result.Insert();
            db.RatingAnswers.Add(new BranchRating
            {
                BranchId = branch.Id,
                Year = draft.Year,
                Quarter = draft.Quarter,
                Question = draft.Question,
                RaterGroup = draft.RaterGroup,
                Score = draft.Score,
                RaterReference = draft.RaterReference,
                Source = source,
                EnteredBy = user.Login,
                EnteredAt = now,
            });
        }

        return await SaveAsync(transaction, "evidence.ratings", "评价答卷", Quarters(accepted.Select(a => (a.Draft.Year, a.Draft.Quarter))), source, result, cancellationToken);
    }

    /// <summary>400 with every error, or 409 when the only problem is a final period; null when the batch may be saved.</summary>
    private static EvidenceOutcome? Refusal(List<EvidenceError> errors, List<EvidenceError> conflicts, int received)
    {
        if (received == 0 && errors.Count == 0)
        {
            errors.Add(new EvidenceError(-1, string.Empty, "没有要保存的数据"));
        }

        if (errors.Count > 0)
        {
            return EvidenceOutcome.Rejected(StatusCodes.Status400BadRequest, Sorted(errors.Concat(conflicts)));
        }

        return conflicts.Count > 0 ? EvidenceOutcome.Rejected(StatusCodes.Status409Conflict, Sorted(conflicts)) : null;
    }

    private static List<EvidenceError> Sorted(IEnumerable<EvidenceError> errors) => errors.OrderBy(e => e.Position).ToList();

    /// <summary>
    /// Saves the batch inside <paramref name="transaction"/>, the serialized one its stored rows were read in: a
    /// parallel batch of the same items waits, then finds them stored and skips them instead of doubling them.
    /// </summary>
    private async Task<EvidenceOutcome> SaveAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, string action, string what, string target, EvidenceSource source, Tally result, CancellationToken cancellationToken)
    {
        if (result.Inserted + result.Updated > 0)
        {
            var detail = $"{source.DisplayName()}{what}：新增{result.Inserted}条，更新{result.Updated}条，跳过{result.Skipped}条";
            if (result.Changes.Count > 0)
            {
                detail += "；更新：" + string.Join("；", result.Changes.Take(MaxAuditChanges))
                    + (result.Changes.Count > MaxAuditChanges ? $"等{result.Changes.Count}条" : string.Empty);
            }

            audit.Record(user.Login, action, target, detail.Length <= 4000 ? detail : detail[..3999] + "…");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another batch saved the same KPI value between the check and the insert: the unique index decides.
                return EvidenceOutcome.Rejected(
                    StatusCodes.Status409Conflict,
                    [new EvidenceError(-1, string.Empty, "同一时间有其他报送修改了相同的数据，本次未保存任何数据，请重新提交")]);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new EvidenceOutcome(StatusCodes.Status200OK, [], result.Received, result.Inserted, result.Updated, result.Skipped, result.Notes);
    }

    private static string Quarters(IEnumerable<(int Year, int Quarter)> quarters)
    {
        var text = string.Join(",", quarters.Distinct().Order().Select(q => $"{q.Year}Q{q.Quarter}"));
        return text.Length <= 200 ? text : text[..199] + "…";
    }

    private static string List(IEnumerable<string> codes)
    {
        var list = codes.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "无" : string.Join("、", list);
    }

    private async Task<Checks> ChecksAsync(CancellationToken cancellationToken)
    {
        var visible = await user.VisibleOrganizationsAsync(cancellationToken);
        var targets = await visible.AsNoTracking()
            .Select(o => new Target(o.Id, o.Code, o.Kind, o.CategoryCode))
            .ToListAsync(cancellationToken);
        var finals = await db.Periods.AsNoTracking().Where(p => p.State == PeriodState.Final)
            .Select(p => new { p.Year, p.Quarter }).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaTime).DateTime);
        return new Checks(
            targets.ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase),
            finals.Select(f => (f.Year, f.Quarter)).ToHashSet(),
            today,
            catalog);
    }

    private sealed record Target(int Id, string Code, OrganizationKind Kind, string? CategoryCode);

    /// <summary>What every item is checked against, read once per batch.</summary>
    private sealed class Checks(Dictionary<string, Target> visible, HashSet<(int, int)> finals, DateOnly today, PackCatalog catalog)
    {
        private readonly Dictionary<string, CategoryEvidence> vocabularies = new(StringComparer.Ordinal);

        /// <summary>The branch and its category's codes; errors when it is unknown, out of scope, not a branch or without a category.</summary>
        public (Target? Branch, CategoryEvidence? Vocabulary) Branch(int position, string code, List<EvidenceError> errors)
        {
            if (!visible.TryGetValue(code, out var target))
            {
                // Out of scope reads exactly like non-existent.
                errors.Add(new(position, EvidenceFields.BranchCode, $"支部“{code}”不存在"));
                return (null, null);
            }

            if (target.Kind != OrganizationKind.Branch)
            {
                errors.Add(new(position, EvidenceFields.BranchCode, $"“{target.Code}”是{target.Kind.DisplayName()}，不是党支部"));
                return (null, null);
            }

            if (target.CategoryCode is null)
            {
                errors.Add(new(position, EvidenceFields.BranchCode, $"支部“{target.Code}”未设置支部类别"));
                return (null, null);
            }

            if (!vocabularies.TryGetValue(target.CategoryCode, out var vocabulary))
            {
                var category = catalog.FindCategory(target.CategoryCode);
                if (category is null)
                {
                    errors.Add(new(position, EvidenceFields.BranchCode, $"支部“{target.Code}”的类别“{target.CategoryCode}”不属于已安装的指标包"));
                    return (null, null);
                }

                vocabularies[target.CategoryCode] = vocabulary = CategoryEvidence.Of(category);
            }

            return (target, vocabulary);
        }

        public void Quarter(int position, int year, int quarter, List<EvidenceError> errors, List<EvidenceError> conflicts)
        {
            var text = EvidenceValues.Quarter(year, quarter);
            if (new AssessmentQuarter(year, quarter).Start > today)
            {
                errors.Add(new(position, EvidenceFields.Quarter, $"{text}尚未开始，不能报送"));
            }
            else if (finals.Contains((year, quarter)))
            {
                conflicts.Add(new(position, EvidenceFields.Quarter, $"{text}的考核期已定稿，不能再报送"));
            }
        }

        public void Date(int position, DateOnly date, List<EvidenceError> errors, List<EvidenceError> conflicts)
        {
            var quarter = AssessmentQuarter.Of(date);
            if (date > today)
            {
                errors.Add(new(position, EvidenceFields.Date, $"日期{date:yyyy-MM-dd}晚于今天（{today:yyyy-MM-dd}）"));
            }
            else if (finals.Contains((quarter.Year, quarter.Number)))
            {
                conflicts.Add(new(position, EvidenceFields.Date, $"{quarter}的考核期已定稿，不能再报送该季度的事项"));
            }
        }
    }

    /// <summary>What a batch did, counted as it is applied.</summary>
    private sealed class Tally(int received)
    {
        public int Received => received;

        public int Inserted { get; private set; }

        public int Updated => Changes.Count;

        public int Skipped => Notes.Count;

        public List<string> Changes { get; } = [];

        public List<EvidenceNote> Notes { get; } = [];

        public void Insert() => Inserted++;

        public void Update(string change) => Changes.Add(change);

        public void Skip(int position, string message) => Notes.Add(new EvidenceNote(position, message));
    }
}

/// <summary>The result of saving a batch: the errors (nothing saved), or what was inserted, updated and skipped.</summary>
public sealed record EvidenceOutcome(
    int Status,
    IReadOnlyList<EvidenceError> Errors,
    int Received,
    int Inserted,
    int Updated,
    int Skipped,
    IReadOnlyList<EvidenceNote> Notes)
{
    public bool Succeeded => Errors.Count == 0;

    public static EvidenceOutcome Rejected(int status, IReadOnlyList<EvidenceError> errors) => new(status, errors, 0, 0, 0, 0, []);
}
