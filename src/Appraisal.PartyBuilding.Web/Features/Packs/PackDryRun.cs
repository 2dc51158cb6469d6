using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Scoring;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

/// <summary>
/// What an upgrade would change for a period that is not final: scores the period's branches of the pack's
/// categories with a candidate version (loaded side by side) and sets each against the result stored for the
/// version the period pinned. Stores nothing.
/// </summary>
public sealed class PackDryRun(AppraisalDbContext db, PackCatalog catalog, CurrentUser user)
{
    public async Task<DryRunOutcome> RunAsync(string packId, string version, int periodId, CancellationToken cancellationToken)
    {
        var candidate = catalog.Find(packId, version);
        if (candidate is null)
        {
            return await db.InstalledPacks.AnyAsync(p => p.PackId == packId && p.Version == version, cancellationToken)
                ? DryRunOutcome.Refused(StatusCodes.Status409Conflict,
                    $"指标包“{packId}”{version}版当前没有加载（{catalog.NotLoadedReason(packId, version)}），不能试算。")
                : DryRunOutcome.Refused(StatusCodes.Status404NotFound, $"没有安装指标包“{packId}”{version}版。");
        }

        var period = await db.Periods.AsNoTracking().Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return DryRunOutcome.Refused(StatusCodes.Status404NotFound, "考核期不存在。");
        }

        if (period.State == PeriodState.Final)
        {
            return DryRunOutcome.Refused(StatusCodes.Status409Conflict, $"{period.AsQuarter}已定稿，成绩不再改变，不做升级试算。");
        }

        var pinned = period.Packs.FirstOrDefault(p => p.PackId == packId);
        if (pinned is null)
        {
            return DryRunOutcome.Refused(StatusCodes.Status409Conflict, $"{period.AsQuarter}考核期没有使用指标包“{packId}”，无从比较。");
        }

        var pinnedPack = catalog.Find(packId, pinned.Version);
        var codes = candidate.Manifest.Categories.Select(c => c.Code)
            .Union(pinnedPack?.Manifest.Categories.Select(c => c.Code) ?? [])
            .ToList();
        var scope = await user.ScopePathAsync(cancellationToken);
        var branches = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Branch && o.CategoryCode != null && codes.Contains(o.CategoryCode) && o.Path.StartsWith(scope))
            .Include(o => o.Groups)
            .ToListAsync(cancellationToken);
        var ids = branches.Select(b => b.Id).ToList();
        var stored = (await db.BranchResults.AsNoTracking()
                .Where(r => r.PeriodId == period.Id && ids.Contains(r.BranchId))
                .Include(r => r.Indicators)
                .ToListAsync(cancellationToken))
            .ToDictionary(r => r.BranchId);

        // The evidence is read the way PeriodScoring reads it, so that a difference comes from the rules alone as long
        // as the evidence has not changed since the period was last scored.
        var quarter = period.AsQuarter;
        var evidence = await BranchEvidenceReader.LoadAsync(db, quarter, period.Id, ids, cancellationToken);

        var rows = new List<DryRunBranchDto>();
        foreach (var branch in branches)
        {
            var category = candidate.FindCategory(branch.CategoryCode!);
            var now = category is null
                ? null
                : ScoringEngine.Score(category, evidence.For(branch, category), candidate.FindScorer);
            var old = stored.GetValueOrDefault(branch.Id) is { } result
                ? Baseline.Of(result)
                : ScoreWithPinned(pinnedPack, branch, evidence);
            rows.Add(Compare(branch, old, now, pinned.Version));
        }

        return new DryRunOutcome(StatusCodes.Status200OK, null, new DryRunDto(
            period.Id,
            quarter.ToString(),
            period.State.DisplayName(),
            packId,
            pinned.Version,
            version,
            rows.Count(r => r.Difference is not null && (r.Difference != 0 || r.ChangedIndicators.Count > 0)),
            rows.Count(r => r.Difference is not null && !r.Stored),
            rows.Count(r => r.Difference is null),
            rows.OrderBy(r => r.Difference is null)
                .ThenByDescending(r => Math.Abs(r.Difference ?? 0))
                .ThenBy(r => r.BranchCode, StringComparer.Ordinal)
                .ToList()));
    }

    /// <summary>
    /// A branch the period has not scored yet is scored on the spot with the pinned version, from the same evidence, so
    /// that every row compares two versions and the count of changed branches agrees with the rows (a period that was
    /// never scored used to show "0 branches change" above rows that all said "not scored").
    /// </summary>
    private static Baseline? ScoreWithPinned(LoadedPack? pinnedPack, Organization branch, QuarterEvidence evidence)
    {
        var category = pinnedPack?.FindCategory(branch.CategoryCode!);
        return category is null
            ? null
            : Baseline.Of(ScoringEngine.Score(category, evidence.For(branch, category), pinnedPack!.FindScorer));
    }

    private static DryRunBranchDto Compare(Organization branch, Baseline? old, BranchScore? now, string pinnedVersion)
    {
        var changed = new List<DryRunIndicatorDto>();
        if (old is null || now is null)
        {
            // Nothing to set against: the note says which side is missing.
            return new DryRunBranchDto(
                branch.Code, branch.Name, branch.CategoryCode!, old?.Total, now?.Total, null, old?.Grade, now?.Grade,
                old is null ? $"{pinnedVersion}版没有该支部的类别" : "新版本没有该支部的类别", changed, old?.Stored ?? false);
        }

        var oldScores = old.Scores;
        var newScores = now.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        foreach (var indicator in now.Indicators)
        {
            var before = oldScores.TryGetValue(indicator.Code, out var score) ? score : (decimal?)null;
            if (before != indicator.Score)
            {
                changed.Add(new DryRunIndicatorDto(indicator.Code, indicator.Name, before, indicator.Score, indicator.Explanation));
            }
        }

        foreach (var (code, score) in oldScores.Where(o => !newScores.ContainsKey(o.Key)).OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            changed.Add(new DryRunIndicatorDto(code, null, score, null, "新版本没有该指标"));
        }

        return new DryRunBranchDto(
            branch.Code, branch.Name, branch.CategoryCode!, old.Total, now.Total, now.Total - old.Total, old.Grade, now.Grade,
            old.Stored ? null : $"本考核期尚未计分：原总分按{pinnedVersion}版即时计算", changed, old.Stored);
    }

    /// <summary>What the candidate is set against: the stored result, or the pinned version's score computed now.</summary>
    private sealed record Baseline(decimal Total, string Grade, IReadOnlyDictionary<string, decimal> Scores, bool Stored)
    {
        public static Baseline Of(BranchResult result) =>
            new(result.Total, result.Grade, result.Indicators.ToDictionary(i => i.Code, i => i.Score, StringComparer.Ordinal), true);

        public static Baseline Of(BranchScore score) =>
            new(score.Total, score.Grade, score.Indicators.ToDictionary(i => i.Code, i => i.Score, StringComparer.Ordinal), false);
    }
}

public sealed record DryRunOutcome(int Status, string? Error, DryRunDto? Result)
{
    public static DryRunOutcome Refused(int status, string error) => new(status, error, null);
}

/// <summary>An upgrade's dry-run against a period's stored results.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Quarter">The period's quarter in Chinese, e.g. 2026年第3季度.</param>
/// <param name="PeriodState">The period's state in Chinese.</param>
/// <param name="PackId">The pack.</param>
/// <param name="PinnedVersion">The version the period was opened with (its stored results).</param>
/// <param name="CandidateVersion">The version tried.</param>
/// <param name="ChangedBranches">How many branches would get another total or indicator score.</param>
/// <param name="ComputedBranches">How many branches had no stored result, so the pinned version scored them on the spot.</param>
/// <param name="IncomparableBranches">How many branches one of the two versions has no category for.</param>
/// <param name="Branches">Per branch, by absolute difference, largest first (branches without a difference last).</param>
public sealed record DryRunDto(
    int PeriodId,
    string Quarter,
    string PeriodState,
    string PackId,
    string PinnedVersion,
    string CandidateVersion,
    int ChangedBranches,
    int ComputedBranches,
    int IncomparableBranches,
    IReadOnlyList<DryRunBranchDto> Branches);

/// <summary>One branch: the stored total against the candidate's, and the indicators whose score would change.</summary>
/// <remarks><c>Stored</c>: whether the original total is the period's stored result (false: computed now with the pinned version).</remarks>
public sealed record DryRunBranchDto(
    string BranchCode,
    string BranchName,
    string CategoryCode,
    decimal? OldTotal,
    decimal? NewTotal,
    decimal? Difference,
    string? OldGrade,
    string? NewGrade,
    string? Note,
    IReadOnlyList<DryRunIndicatorDto> ChangedIndicators,
    bool Stored);

/// <summary>An indicator whose score would change: the stored score and the candidate's.</summary>
public sealed record DryRunIndicatorDto(string Code, string? Name, decimal? OldScore, decimal? NewScore, string? Explanation);
