using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.AssessmentEvidence;

/// <summary>
/// A problem with one item of an evidence batch (JSON) or one row of an evidence file (.xlsx).
/// </summary>
/// <param name="Position">The item's index in the batch (0-based), or the Excel row; -1 (JSON) or 0 (file) for the whole request.</param>
/// <param name="Field">The field, by its JSON name (e.g. <c>kpiCode</c>); empty for the whole item or request.</param>
/// <param name="Message">What is wrong, in Chinese.</param>
public sealed record EvidenceError(int Position, string Field, string Message);

/// <summary>An item that was not saved because the same value is stored already (a harmless re-send).</summary>
public sealed record EvidenceNote(int Position, string Message);

/// <summary>A KPI value as entered, before it is checked against the branch and its category.</summary>
public sealed record KpiDraft(int Position, string BranchCode, int Year, int Quarter, string KpiCode, decimal Value);

/// <summary>An event as entered.</summary>
public sealed record EventDraft(int Position, string BranchCode, DateOnly Date, string EventType, string? Description);

/// <summary>A rating answer as entered.</summary>
public sealed record RatingDraft(int Position, string BranchCode, int Year, int Quarter, string Question, RaterGroup RaterGroup, decimal Score, string? RaterReference);

/// <summary>An assessor's score of one manual indicator as entered.</summary>
public sealed record ManualScoreDraft(int Position, string IndicatorCode, decimal Score, string Evidence, string Comment);

/// <summary>The JSON field names of the evidence items; the Excel columns map onto them.</summary>
public static class EvidenceFields
{
    public const string BranchCode = "branchCode";
    public const string Year = "year";
    public const string Quarter = "quarter";
    public const string KpiCode = "kpiCode";
    public const string Value = "value";
    public const string Date = "date";
    public const string EventType = "eventType";
    public const string Description = "description";
    public const string Question = "question";
    public const string RaterGroup = "raterGroup";
    public const string Score = "score";
    public const string RaterReference = "raterReference";
    public const string IndicatorCode = "indicatorCode";
    public const string Evidence = "evidence";
    public const string Comment = "comment";
}

/// <summary>
/// Builds drafts from one item or row, checking each field's form (present, a number, a date, in range); what the
/// value means for the branch (does the branch exist, does its category use the code) is checked later against
/// the database. Every problem of the item is reported, not only the first.
/// </summary>
public static class EvidenceDraftReader
{
    public static KpiDraft? Kpi(EvidenceItem item)
    {
        var before = item.Problems;
        var branch = item.Code(EvidenceFields.BranchCode, required: true);
        var (year, quarter) = item.Quarter();
        var code = item.Code(EvidenceFields.KpiCode, required: true);
        var value = item.Number(EvidenceFields.Value, EvidenceValues.KpiDecimals, -EvidenceValues.MaxKpiMagnitude, EvidenceValues.MaxKpiMagnitude);
        return item.Problems > before ? null : new KpiDraft(item.Position, branch!, year!.Value, quarter!.Value, code!, value!.Value);
    }

    public static EventDraft? Event(EvidenceItem item)
    {
        var before = item.Problems;
        var branch = item.Code(EvidenceFields.BranchCode, required: true);
        var date = item.Date(EvidenceFields.Date);
        var type = item.Code(EvidenceFields.EventType, required: true);
        var description = item.Text(EvidenceFields.Description, required: false, EvidenceValues.MaxDescriptionLength);
        return item.Problems > before ? null : new EventDraft(item.Position, branch!, date!.Value, type!, description);
    }

    public static RatingDraft? Rating(EvidenceItem item)
    {
        var before = item.Problems;
        var branch = item.Code(EvidenceFields.BranchCode, required: true);
        var (year, quarter) = item.Quarter();
        var question = item.Code(EvidenceFields.Question, required: true);
        var group = item.RaterGroup(EvidenceFields.RaterGroup);
        var score = item.Number(EvidenceFields.Score, EvidenceValues.ScoreDecimals, 0, 100);
        var reference = item.Text(EvidenceFields.RaterReference, required: false, EvidenceValues.MaxReferenceLength);
        return item.Problems > before
            ? null
            : new RatingDraft(item.Position, branch!, year!.Value, quarter!.Value, question!, group!.Value, score!.Value, reference);
    }

    /// <summary>A manual score; the range 0..max is checked against the indicator later.</summary>
    public static ManualScoreDraft? ManualScore(EvidenceItem item)
    {
        var before = item.Problems;
        var code = item.Code(EvidenceFields.IndicatorCode, required: true);
        var score = item.Number(EvidenceFields.Score, EvidenceValues.ScoreDecimals, 0, null);
        var evidence = item.Text(EvidenceFields.Evidence, required: true, EvidenceValues.MaxEvidenceLength);
        var comment = item.Text(EvidenceFields.Comment, required: true, EvidenceValues.MaxCommentLength);
        return item.Problems > before ? null : new ManualScoreDraft(item.Position, code!, score!.Value, evidence!, comment!);
    }
}

/// <summary>The raw value of one field: its text (null when absent or empty), or already reported by the file reader.</summary>
public readonly record struct EvidenceCell(string? Text, bool Reported = false);

/// <summary>One item (JSON) or row (.xlsx) being read, collecting the errors of its fields.</summary>
/// <param name="position">The item's index or the row number.</param>
/// <param name="cell">The raw value of a field, by JSON field name.</param>
/// <param name="label">How a field is named in messages: the JSON name or the column header.</param>
/// <param name="errors">Where errors go.</param>
public sealed class EvidenceItem(int position, Func<string, EvidenceCell> cell, Func<string, string> label, List<EvidenceError> errors)
{
    private int problems;

    public int Position => position;

    /// <summary>Errors added plus cells the file reader already reported: a draft is built only while this stays put.</summary>
    public int Problems => problems;

    public void Error(string field, string message)
    {
        problems++;
        errors.Add(new EvidenceError(position, field, message));
    }

    /// <summary>Trimmed text; null when empty (an error when required) or when longer than allowed (an error).</summary>
    public string? Text(string field, bool required, int maxLength)
    {
        var value = cell(field);
        if (value.Reported)
        {
            problems++;
            return null;
        }

        var text = value.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Error(field, $"“{label(field)}”不能为空");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Error(field, $"“{label(field)}”不能超过{maxLength}个字符");
            return null;
        }

        return text;
    }

    public string? Code(string field, bool required) => Text(field, required, EvidenceValues.MaxCodeLength);

    /// <summary>A number within <paramref name="min"/>..<paramref name="max"/> with at most <paramref name="decimals"/> decimals.</summary>
    public decimal? Number(string field, int decimals, decimal? min, decimal? max)
    {
        var text = Text(field, required: true, 50);
        if (text is null)
        {
            return null;
        }

        if (!EvidenceValues.TryParseNumber(text, out var number))
        {
            Error(field, $"“{label(field)}”应为数字，实际为“{text}”");
            return null;
        }

        if (min is { } low && number < low)
        {
            Error(field, low == 0 ? $"“{label(field)}”不能为负数" : $"“{label(field)}”不能小于{EvidenceValues.Show(low)}");
            return null;
        }

        if (max is { } high && number > high)
        {
            Error(field, $"“{label(field)}”不能大于{EvidenceValues.Show(high)}，实际为{EvidenceValues.Show(number)}");
            return null;
        }

        if (EvidenceValues.Decimals(number) > decimals && number != Math.Round(number, decimals))
        {
            Error(field, $"“{label(field)}”最多{decimals}位小数");
            return null;
        }

        return Math.Round(number, decimals);
    }

    /// <summary>The year (2000..2100) and quarter (1..4) fields.</summary>
    public (int? Year, int? Quarter) Quarter()
    {
        int? year = null, quarter = null;
        var yearText = Text(EvidenceFields.Year, required: true, 20);
        if (yearText is not null)
        {
            if (EvidenceValues.TryParseWhole(yearText, out var y) && y is >= EvidenceValues.FirstYear and <= EvidenceValues.LastYear)
            {
                year = y;
            }
            else
            {
                Error(EvidenceFields.Year, $"“{label(EvidenceFields.Year)}”应为{EvidenceValues.FirstYear}至{EvidenceValues.LastYear}之间的整数，实际为“{yearText}”");
            }
        }

        var quarterText = Text(EvidenceFields.Quarter, required: true, 20);
        if (quarterText is not null)
        {
            if (EvidenceValues.TryParseWhole(quarterText, out var q) && q is >= 1 and <= 4)
            {
                quarter = q;
            }
            else
            {
                Error(EvidenceFields.Quarter, $"“{label(EvidenceFields.Quarter)}”应为1至4，实际为“{quarterText}”");
            }
        }

        return (year, quarter);
    }

    /// <summary>A calendar date between 2000-01-01 and 2100-12-31 (whether it lies in the future is checked later).</summary>
    public DateOnly? Date(string field)
    {
        var text = Text(field, required: true, 30);
        if (text is null)
        {
            return null;
        }

        if (!EvidenceValues.TryParseDate(text, out var date))
        {
            Error(field, $"“{label(field)}”应为日期（如2026-08-03），实际为“{text}”");
            return null;
        }

        if (date.Year is < EvidenceValues.FirstYear or > EvidenceValues.LastYear)
        {
            Error(field, $"“{label(field)}”应在{EvidenceValues.FirstYear}年至{EvidenceValues.LastYear}年之间，实际为“{text}”");
            return null;
        }

        return date;
    }

    public RaterGroup? RaterGroup(string field)
    {
        var text = Text(field, required: true, 30);
        if (text is null)
        {
            return null;
        }

        var group = EvidenceValues.ParseRaterGroup(text);
        if (group is null)
        {
            Error(field, $"“{label(field)}”应为领导、同级或服务对象（leader、peer、service-recipient），实际为“{text}”");
        }

        return group;
    }
}

/// <summary>The kinds of other evidence pushed or imported in batches.</summary>
public enum EvidenceKind
{
    /// <summary>KPI values.</summary>
    Kpis,

    /// <summary>Deduction events, bonus cases and veto events.</summary>
    Events,

    /// <summary>Multi-rater (360) survey answers.</summary>
    Ratings,
}
