using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>
/// Which required meetings a branch has not held (validly) so far, for the monthly reminder: each monthly meeting of
/// the current month (per party group for 党小组会), the quarter's meetings once the quarter's last month has come,
/// and the year's in December. Counted by <see cref="MeetingCoverage"/>, the same code the scores use.
/// </summary>
public static class MonthlyMeetingCheck
{
    /// <param name="evidence">The branch's evidence for the quarter of <paramref name="today"/>.</param>
    /// <param name="rules">The record-frequency rules of the branch's category.</param>
    /// <param name="today">Today's date, China time.</param>
    /// <returns>What is missing, e.g. <c>支部委员会</c>, <c>党小组会（一组）</c>, <c>支部党员大会（本季度）</c>; empty when nothing is.</returns>
    public static IReadOnlyList<string> Missing(BranchEvidence evidence, IEnumerable<RecordFrequencyRule> rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(rules);
        if (!evidence.Quarter.Contains(today))
        {
            throw new ArgumentException($"The evidence is for {evidence.Quarter}, not for the quarter of {today:yyyy-MM-dd}.", nameof(evidence));
        }

        var lastMonthOfQuarter = today.Month == evidence.Quarter.Months[^1];
        var missing = new List<string>();
        foreach (var rule in rules.Distinct())
        {
            var coverage = MeetingCoverage.Compute(evidence, rule.MeetingType, rule.Unit);
            if (!coverage.IsApplicable)
            {
                continue;
            }

            var name = rule.MeetingType.DisplayName();
            switch (rule.Unit)
            {
                case CoverageUnit.Month when coverage.Cells.Any(c => c.Month == today.Month && !c.IsCovered):
                    missing.Add(name);
                    break;

                case CoverageUnit.GroupMonth:
                    missing.AddRange(coverage.Cells.Where(c => c.Month == today.Month && !c.IsCovered).Select(c => $"{name}（{c.Group}）"));
                    break;

                case CoverageUnit.Quarter when lastMonthOfQuarter && coverage.Covered == 0:
                    missing.Add($"{name}（本季度）");
                    break;

                case CoverageUnit.Year when today.Month == 12 && coverage.Covered == 0:
                    missing.Add($"{name}（本年度）");
                    break;
            }
        }

        return missing;
    }

    /// <summary>The reminder text, e.g. <c>截至11月20日，本月尚缺：支部委员会、主题党日。请及时召开并录入记录。</c></summary>
    public static string Message(IReadOnlyList<string> missing, DateOnly today) =>
        $"截至{today.Month}月{today.Day}日，本月尚缺：{string.Join("、", missing)}。请及时召开并录入记录。";
}
