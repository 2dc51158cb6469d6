using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Evidence;

/// <summary>
/// The manual indicators no assessor has scored for a period: every branch with a category of the period's pinned
/// packs × that category's manual indicators, less the scores stored. An unscored manual indicator counts 0 points,
/// so publishing or finalizing with some left is allowed only after the 组织部 confirms it knowing the counts.
/// </summary>
public sealed class MissingManualScores(AppraisalDbContext db, PackCatalog catalog)
{
    public async Task<ManualScoreGaps> CountAsync(int periodId, CancellationToken cancellationToken)
    {
        var pinned = await catalog.PinnedByAsync(db, periodId, cancellationToken);
        var manual = pinned.Categories
            .Select(CategoryEvidence.Of)
            .Where(c => c.ManualIndicators.Count > 0)
            .GroupBy(c => c.Category.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (manual.Count == 0)
        {
            return ManualScoreGaps.None;
        }

        var codes = manual.Keys.ToList();
        var branches = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Branch && o.CategoryCode != null && codes.Contains(o.CategoryCode))
            .Select(o => new { o.Id, o.CategoryCode })
            .ToListAsync(cancellationToken);
        var scored = (await db.ManualScores.AsNoTracking()
                .Where(m => m.PeriodId == periodId)
                .Select(m => new { m.BranchId, m.IndicatorCode })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.BranchId, m => m.IndicatorCode);

        var categories = new List<ManualScoreGap>();
        foreach (var group in branches.GroupBy(b => b.CategoryCode!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var indicators = manual[group.Key].ManualIndicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
            var missingPerBranch = group.Select(b => indicators.Count - scored[b.Id].Count(indicators.Contains)).ToList();
            var missing = missingPerBranch.Sum();
            if (missing > 0)
            {
                categories.Add(new ManualScoreGap(group.Key, manual[group.Key].Category.Name, missingPerBranch.Count(m => m > 0), missing, indicators.Count * group.Count()));
            }
        }

        return new ManualScoreGaps(categories);
    }
}

/// <summary>One category's unscored manual indicators: branches with any missing, branch × indicator pairs missing, pairs expected.</summary>
public sealed record ManualScoreGap(string CategoryCode, string CategoryName, int Branches, int Missing, int Expected);

/// <summary>A period's unscored manual indicators by category.</summary>
public sealed record ManualScoreGaps(IReadOnlyList<ManualScoreGap> Categories)
{
    public static readonly ManualScoreGaps None = new([]);

    public int Branches => Categories.Sum(c => c.Branches);

    public int Missing => Categories.Sum(c => c.Missing);

    public int Expected => Categories.Sum(c => c.Expected);

    /// <summary>The counts in Chinese, e.g. <c>还有 3 个党支部的 5 项人工评分指标未评分（应评 12 项）：城市社区党支部 3 个支部 5 项。</c></summary>
    public string Describe() =>
        $"还有 {Branches} 个党支部的 {Missing} 项人工评分指标未评分（应评 {Expected} 项）：" +
        string.Join("；", Categories.Select(c => $"{c.CategoryName} {c.Branches} 个支部 {c.Missing} 项")) +
        "。未评分的指标按 0 分计入总分。";
}
