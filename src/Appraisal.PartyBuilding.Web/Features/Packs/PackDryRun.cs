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
            var old = stored.GetValueOrDefault(branch.Id);
            var category = candidate.FindCategory(branch.CategoryCode!);
            var now = category is null
                ? null
                : ScoringEngine.Score(category, evidence.For(branch, category), candidate.FindScorer);
            rows.Add(Compare(branch, old, now));
        }

        return new DryRunOutcome(StatusCodes.Status200OK, null, new DryRunDto(
            period.Id,
            quarter.ToString(),
            period.State.DisplayName(),
            packId,
            pinned.Version,
            version,
            rows.Count(r => r.Difference is not null && (r.Difference != 0 || r.ChangedIndicators.Count > 0)),
            rows.OrderBy(r => r.Difference is null)
                .ThenByDescending(r => Math.Abs(r.Difference ?? 0))
                .ThenBy(r => r.BranchCode, StringComparer.Ordinal)
                .ToList()));
    }

    private static DryRunBranchDto Compare(Organization branch, BranchResult? old, BranchScore? now)
    {
        var changed = new List<DryRunIndicatorDto>();
        if (old is null || now is null)
        {
            // Nothing to set against: the note says which side is missing.
            return new DryRunBranchDto(
                branch.Code, branch.Name, branch.CategoryCode!, old?.Total, now?.Total, null, old?.Grade, now?.Grade,
                old is null ? "本考核期尚未计分" : "新版本没有该支部的类别", changed);
        }

        var oldScores = old.Indicators.ToDictionary(i => i.Code, i => i.Score, StringComparer.Ordinal);
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
            branch.Code, branch.Name, branch.CategoryCode!, old.Total, now.Total, now.Total - old.Total, old.Grade, now.Grade, null, changed);
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
/// <param name="ChangedBranches">How many branches with a stored result would get another total or indicator score.</param>
/// <param name="Branches">Per branch, by absolute difference, largest first (branches without a difference last).</param>
public sealed record DryRunDto(
    int PeriodId,
    string Quarter,
    string PeriodState,
    string PackId,
    string PinnedVersion,
    string CandidateVersion,
    int ChangedBranches,
    IReadOnlyList<DryRunBranchDto> Branches);

/// <summary>One branch: the stored total against the candidate's, and the indicators whose score would change.</summary>
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
    IReadOnlyList<DryRunIndicatorDto> ChangedIndicators);

/// <summary>An indicator whose score would change: the stored score and the candidate's.</summary>
public sealed record DryRunIndicatorDto(string Code, string? Name, decimal? OldScore, decimal? NewScore, string? Explanation);
