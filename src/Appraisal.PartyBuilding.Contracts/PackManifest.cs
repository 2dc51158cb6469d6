namespace Appraisal.PartyBuilding.Contracts;

/// <summary>
/// Identity and content of an indicator pack.
/// </summary>
/// <param name="Id">Stable identifier, lower-case, e.g. <c>one-plus-n</c>. Category codes start with it: <c>one-plus-n/management</c>.</param>
/// <param name="Version">Semantic version of the pack, e.g. <c>1.2.0</c>.</param>
/// <param name="Name">Display name in Simplified Chinese.</param>
/// <param name="Categories">The branch categories the pack defines, each with its indicator tree.</param>
/// <param name="ContractVersion">
/// The host contract version the pack was built for. Leave it at its default: the default is compiled into
/// the pack, so it records the <see cref="HostContract.Version"/> of the contract the pack was built against.
/// </param>
public sealed record PackManifest(
    string Id,
    string Version,
    string Name,
    IReadOnlyList<BranchCategory> Categories,
    string ContractVersion = HostContract.Version);

/// <summary>A branch category (支部类别) with its indicator tree and grade scale.</summary>
/// <param name="Code">Globally unique code, <c>{pack id}/{name}</c>, e.g. <c>one-plus-n/operations</c>.</param>
/// <param name="Name">Display name, e.g. 生产运行型.</param>
/// <param name="Dimensions">The dimensions (modules) of the indicator tree.</param>
/// <param name="Grades">How a total becomes a grade.</param>
public sealed record BranchCategory(
    string Code,
    string Name,
    IReadOnlyList<Dimension> Dimensions,
    GradeScale Grades)
{
    /// <summary>The most points a branch of this category can get: the sum of its dimensions.</summary>
    public decimal MaxPoints => Dimensions.Sum(d => d.MaxPoints);
}

/// <summary>A dimension (module) of an indicator tree, e.g. 政治建设.</summary>
/// <param name="Code">Code unique within the category, e.g. <c>shyk</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Indicators">The indicators of the dimension.</param>
public sealed record Dimension(string Code, string Name, IReadOnlyList<Indicator> Indicators)
{
    /// <summary>The sum of the indicators' maximum points.</summary>
    public decimal MaxPoints => Indicators.Sum(i => i.MaxPoints);
}

/// <summary>One scored indicator.</summary>
/// <param name="Code">Code unique within the category, e.g. <c>shyk.committee</c>.</param>
/// <param name="Name">Display name, e.g. 支部委员会.</param>
/// <param name="MaxPoints">Maximum points (0 for a veto, which awards no points).</param>
/// <param name="Rule">How the indicator is scored.</param>
public sealed record Indicator(string Code, string Name, decimal MaxPoints, IndicatorRule Rule);

/// <summary>Grade bands applied to a total as a percentage of the category's maximum.</summary>
/// <param name="Bands">Bands from the highest to the lowest; the lowest should start at 0.</param>
public sealed record GradeScale(IReadOnlyList<GradeBand> Bands)
{
    /// <summary>The grade of a total out of <paramref name="maxPoints"/>.</summary>
    public string GradeOf(decimal total, decimal maxPoints)
    {
        var percent = maxPoints == 0 ? 0 : total * 100 / maxPoints;
        foreach (var band in Bands.OrderByDescending(b => b.MinPercent))
        {
            if (percent >= band.MinPercent)
            {
                return band.Name;
            }
        }

        return Bands.OrderBy(b => b.MinPercent).First().Name;
    }
}

/// <summary>A grade reached at or above <paramref name="MinPercent"/> of the maximum.</summary>
/// <param name="Name">Grade name, e.g. 五星.</param>
/// <param name="MinPercent">Lowest percentage of the maximum that reaches this grade.</param>
public sealed record GradeBand(string Name, decimal MinPercent);
