using Appraisal.PartyBuilding.Plugins;

namespace Appraisal.PartyBuilding.Web.Features.Loop;

/// <summary>Indicator names for pages: results store codes, the installed packs know the names.</summary>
public static class IndicatorNames
{
    /// <summary>The indicator's name in the category, or its code when the pack no longer has it.</summary>
    public static string IndicatorName(this PackCatalog catalog, string? categoryCode, string indicatorCode)
    {
        var category = categoryCode is null ? null : catalog.FindCategory(categoryCode);
        return category?.Dimensions.SelectMany(d => d.Indicators).FirstOrDefault(i => i.Code == indicatorCode)?.Name ?? indicatorCode;
    }
}
