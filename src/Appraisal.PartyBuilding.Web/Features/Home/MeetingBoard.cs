using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Scoring;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Home;

/// <summary>
/// The record-frequency indicators (三会一课) of each branch's category for one quarter, scored by the same code
/// the scoring engine uses, so that what a secretary sees on the home page is what the assessment will count.
/// </summary>
public sealed class MeetingBoard(AppraisalDbContext db, PackCatalog catalog)
{
    public async Task<IReadOnlyList<BranchMeetingScore>> ScoreAsync(IReadOnlyList<Organization> branches, AssessmentQuarter quarter, CancellationToken cancellationToken)
    {
        var evidence = await BranchEvidenceReader.LoadAsync(db, quarter, null, branches.Select(b => b.Id).ToList(), cancellationToken);
        var scores = new List<BranchMeetingScore>();
        var packs = await catalog.ForQuarterAsync(db, quarter, cancellationToken);
        foreach (var branch in branches)
        {
            var category = branch.CategoryCode is null ? null : packs.FindCategory(branch.CategoryCode);
            if (category is null)
            {
                scores.Add(new BranchMeetingScore(branch, null, [], 0, 0));
                continue;
            }

            var facts = evidence.For(branch, category);
            var indicators = category.Dimensions
                .SelectMany(d => d.Indicators)
                .Where(i => i.Rule is RecordFrequencyRule)
                .Select(i => new IndicatorLine(i, RecordFrequencyScorer.Score(i, facts)))
                .ToList();
            scores.Add(new BranchMeetingScore(branch, category, indicators, indicators.Sum(i => i.Result.Score), indicators.Sum(i => i.Indicator.MaxPoints)));
        }

        return scores;
    }
}

public sealed record IndicatorLine(Indicator Indicator, IndicatorResult Result)
{
    public bool IsFull => Result.Score >= Indicator.MaxPoints;
}

public sealed record BranchMeetingScore(Organization Branch, BranchCategory? Category, IReadOnlyList<IndicatorLine> Indicators, decimal Score, decimal MaxPoints);
