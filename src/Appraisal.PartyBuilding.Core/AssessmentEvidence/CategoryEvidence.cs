using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.AssessmentEvidence;

/// <summary>
/// The evidence codes a branch category's rules actually use: KPI codes, event types (deduction, bonus, veto), rating
/// questions and manual indicators. Evidence naming a code outside these would never be counted, so entry refuses it.
/// </summary>
public sealed class CategoryEvidence
{
    private CategoryEvidence(BranchCategory category)
    {
        Category = category;
        var indicators = category.Dimensions.SelectMany(d => d.Indicators).ToList();
        Kpis = Index(indicators, i => i.Rule is KpiTargetRule r ? r.KpiCode : null);
        EventTypes = Index(indicators, i => i.Rule switch
        {
            DeductionRule r => r.EventType,
            BonusRule r => r.CaseType,
            VetoRule r => r.EventType,
            _ => null,
        });
        RatingQuestions = Index(indicators, i => i.Rule is RatingRule r ? r.Question : null);
        ManualIndicators = indicators.Where(i => i.Rule is ManualRule).ToList();
    }

    public BranchCategory Category { get; }

    /// <summary>KPI code → the indicators scored from it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Indicator>> Kpis { get; }

    /// <summary>Event type → the deduction, bonus or veto indicators counting it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Indicator>> EventTypes { get; }

    /// <summary>Rating question → the indicators scored from its answers.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Indicator>> RatingQuestions { get; }

    /// <summary>The indicators an assessor scores by hand, in the category's order.</summary>
    public IReadOnlyList<Indicator> ManualIndicators { get; }

    public static CategoryEvidence Of(BranchCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return new CategoryEvidence(category);
    }

    /// <summary>The manual indicator with the code, or null when the category has no such manual indicator.</summary>
    public Indicator? ManualIndicator(string code) =>
        ManualIndicators.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));

    /// <summary>What an event type does in this category, e.g. <c>扣分：按时足额交纳党费</c>.</summary>
    public string EventRole(string eventType) =>
        EventTypes.TryGetValue(eventType, out var indicators)
            ? string.Join("；", indicators.Select(i => i.Rule switch
            {
                DeductionRule => $"扣分：{i.Name}",
                BonusRule => $"加分：{i.Name}",
                VetoRule => $"一票否决：{i.Name}",
                _ => i.Name,
            }))
            : string.Empty;

    private static Dictionary<string, IReadOnlyList<Indicator>> Index(IEnumerable<Indicator> indicators, Func<Indicator, string?> code) =>
        indicators
            .Select(i => (Code: code(i), Indicator: i))
            .Where(x => !string.IsNullOrEmpty(x.Code))
            .GroupBy(x => x.Code!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Indicator>)g.Select(x => x.Indicator).ToList(), StringComparer.Ordinal);
}
