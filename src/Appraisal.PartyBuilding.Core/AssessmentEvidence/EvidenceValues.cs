using System.Globalization;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.AssessmentEvidence;

/// <summary>Parsing and limits shared by the evidence API and the evidence imports, so both accept the same values.</summary>
public static class EvidenceValues
{
    /// <summary>Longest code (KPI code, event type, question).</summary>
    public const int MaxCodeLength = 100;

    /// <summary>Longest event description.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>Longest rater reference.</summary>
    public const int MaxReferenceLength = 100;

    /// <summary>Longest manual-score evidence text.</summary>
    public const int MaxEvidenceLength = 2000;

    /// <summary>Longest manual-score comment.</summary>
    public const int MaxCommentLength = 500;

    /// <summary>Most decimals of a KPI value.</summary>
    public const int KpiDecimals = 4;

    /// <summary>Largest absolute KPI value (the column holds 18 digits, 4 of them decimals).</summary>
    public const decimal MaxKpiMagnitude = 99_999_999_999_999m;

    /// <summary>Most decimals of a rating answer or a manual score.</summary>
    public const int ScoreDecimals = 2;

    /// <summary>The first and last years evidence may be dated in.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    /// <summary>A number written with digits, an optional sign, decimal point and exponent (JSON writes <c>1e2</c>); no thousands separators.</summary>
    public static bool TryParseNumber(string? text, out decimal value)
    {
        value = 0;
        return !string.IsNullOrWhiteSpace(text)
            && decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A whole number, also when written as <c>3.0</c>.</summary>
    public static bool TryParseWhole(string? text, out int value)
    {
        value = 0;
        if (!TryParseNumber(text, out var number) || number != decimal.Truncate(number) || number is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)number;
        return true;
    }

    /// <summary>A calendar date: <c>2026-08-03</c> or <c>2026/8/3</c>.</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        return !string.IsNullOrWhiteSpace(text)
            && DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>The number of decimals written, e.g. 2 for <c>1.50</c>.</summary>
    public static int Decimals(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;

    /// <summary>A number as people read it: no trailing zeros.</summary>
    public static string Show(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The API code of a rater group: <c>leader</c>, <c>peer</c>, <c>service-recipient</c>.</summary>
    public static string Code(this RaterGroup group) => group switch
    {
        RaterGroup.Leader => "leader",
        RaterGroup.Peer => "peer",
        RaterGroup.ServiceRecipient => "service-recipient",
        _ => group.ToString(),
    };

    /// <summary>The Chinese name of a rater group: 领导, 同级, 服务对象.</summary>
    public static string DisplayName(this RaterGroup group) => Scoring.RatingScorer.GroupName(group);

    /// <summary>A rater group from its code or Chinese name (群众 is taken as 服务对象).</summary>
    public static RaterGroup? ParseRaterGroup(string? text) => text?.Trim() switch
    {
        "leader" or "Leader" or "领导" => RaterGroup.Leader,
        "peer" or "Peer" or "同级" => RaterGroup.Peer,
        "service-recipient" or "serviceRecipient" or "ServiceRecipient" or "服务对象" or "群众" => RaterGroup.ServiceRecipient,
        _ => null,
    };

    /// <summary>The quarter's text, e.g. <c>2026年第3季度</c>.</summary>
    public static string Quarter(int year, int quarter) => new AssessmentQuarter(year, quarter).ToString();
}
