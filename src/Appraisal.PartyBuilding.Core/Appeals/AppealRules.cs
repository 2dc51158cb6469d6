using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Core.Appeals;

/// <summary>
/// The rules of the feedback chain (反馈/申辩) of SPEC "The cycle": a secretary appeals an indicator score inside the
/// appeal window with a reason and evidence; someone other than the original scorer decides; an upheld appeal
/// re-scores the indicator within 0..max and keeps the original value on the appeal. Pure: no I/O.
/// </summary>
public static class AppealRules
{
    /// <summary>
    /// The scorer of a computed score. A rule computed the value from the branch's evidence, so no person gave it and
    /// nobody is excluded from deciding on that ground (the person who ran scoring chose nothing).
    /// </summary>
    public const string AutomaticScorer = "系统";

    public const int MaxReasonLength = 1000;
    public const int MaxEvidenceLength = 2000;
    public const int MaxOpinionLength = 1000;

    /// <summary>Why an appeal cannot be filed in the period now (not published, or the window has closed), or null.</summary>
    public static string? RefusesFiling(Period period, DateTimeOffset now) =>
        PeriodLifecycle.Refuses(period, PeriodActivity.FileAppeals, now);

    /// <summary>Field errors of a new appeal, keyed by the request's field names; empty when it is acceptable.</summary>
    public static Dictionary<string, string[]> ValidateFiling(string? indicatorCode, string? reason, string? evidence)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(indicatorCode))
        {
            errors["indicatorCode"] = ["请指明申诉的指标编码"];
        }

        Text(errors, "reason", reason, "申诉理由", MaxReasonLength);
        Text(errors, "evidence", evidence, "申诉依据", MaxEvidenceLength);
        return errors;
    }

    /// <summary>
    /// Why <paramref name="decider"/> may not decide the appeal: it is already decided (status 409), or the decider
    /// filed it or gave the original score (status 403). Null when they may. Logins compare case-insensitively.
    /// </summary>
    /// <param name="appeal">The appeal.</param>
    /// <param name="decider">The login that would decide.</param>
    /// <param name="scorers">
    /// Everyone who set the score (manual scorers, deciders of earlier upheld appeals): separation of duties means none
    /// of them decides an appeal against it, not only the latest one named on the appeal.
    /// </param>
    public static (int Status, string Message)? RefusesDecider(Appeal appeal, string decider, IReadOnlyCollection<string>? scorers = null)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        if (appeal.State != AppealState.Open)
        {
            return (409, $"该申诉已由{appeal.DecidedBy}于{(appeal.DecidedAt is { } at ? ChinaTime.Format(at) : "此前")}处理（{appeal.State.DisplayName()}），不能重复处理。");
        }

        if (string.Equals(decider, appeal.FiledBy, StringComparison.OrdinalIgnoreCase))
        {
            return (403, "申诉人不能处理自己提交的申诉。");
        }

        if (string.Equals(decider, appeal.OriginalScorer, StringComparison.OrdinalIgnoreCase)
            || (scorers ?? []).Contains(decider, StringComparer.OrdinalIgnoreCase))
        {
            return (403, "您是该项得分的原评分人，申诉须由其他考核员或组织部复核。");
        }

        return null;
    }

    /// <summary>Field errors of a decision, keyed by the request's field names; empty when it is acceptable.</summary>
    public static Dictionary<string, string[]> ValidateDecision(Appeal appeal, bool? upheld, decimal? newScore, string? opinion)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        var errors = new Dictionary<string, string[]>();
        if (upheld is null)
        {
            errors["upheld"] = ["请选择采纳（upheld = true）或驳回（upheld = false）"];
        }

        Text(errors, "opinion", opinion, "复核意见", MaxOpinionLength);
        if (upheld == true)
        {
            if (newScore is not { } score)
            {
                errors["newScore"] = ["采纳申诉时须填写复核后的分数"];
            }
            else if (score < 0 || score > appeal.MaxScore)
            {
                errors["newScore"] = [$"复核后的分数应在0至{Number(appeal.MaxScore)}分之间"];
            }
            else if (decimal.Round(score, 2) != score)
            {
                errors["newScore"] = ["复核后的分数最多保留两位小数"];
            }
            else if (score == appeal.OriginalScore)
            {
                errors["newScore"] = [$"复核后的分数与原得分（{Number(score)}分）相同：不改分请选择驳回"];
            }
        }
        else if (upheld == false && newScore is not null)
        {
            errors["newScore"] = ["驳回申诉时不改分，请不要填写复核后的分数"];
        }

        return errors;
    }

    /// <summary>Records the decision on the appeal (after <see cref="RefusesDecider"/> and <see cref="ValidateDecision"/> passed).</summary>
    public static void Decide(Appeal appeal, bool upheld, decimal? newScore, string opinion, string decider, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        appeal.State = upheld ? AppealState.Upheld : AppealState.Rejected;
        appeal.OpenMarker = null;
        appeal.NewScore = upheld ? newScore : null;
        appeal.Opinion = opinion.Trim();
        appeal.DecidedBy = decider;
        appeal.DecidedAt = now;
    }

    /// <summary>The explanation an upheld appeal leaves on the indicator, after what the rule had said.</summary>
    public static string RescoredExplanation(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return $"{appeal.OriginalExplanation}；经申诉复核（{appeal.DecidedBy}），由{Number(appeal.OriginalScore)}分改为{Number(appeal.NewScore ?? appeal.OriginalScore)}分：{appeal.Opinion}";
    }

    internal static string Number(decimal value) => Scoring.ScoreMath.N(value);

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, string name, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"请填写{name}"];
        }
        else if (value.Trim().Length > max)
        {
            errors[field] = [$"{name}最多{max}个字"];
        }
    }
}
