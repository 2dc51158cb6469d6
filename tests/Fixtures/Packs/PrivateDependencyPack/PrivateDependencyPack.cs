using Appraisal.PartyBuilding.Contracts;
using Newtonsoft.Json;

namespace PrivateDependencyPack;

/// <summary>A pack whose scorer uses its private Newtonsoft.Json.</summary>
public sealed class PrivateDependencyPack : IIndicatorPack
{
    /// <inheritdoc />
    public PackManifest Manifest { get; } = new(
        "private-dependency",
        "1.0.0",
        "带私有依赖的指标包",
        [
            new BranchCategory(
                "private-dependency/basic",
                "测试类别",
                [new Dimension("json", "私有依赖", [new Indicator("json.version", "依赖版本", 1, new CodeRule(JsonVersionScorer.ScorerId))])],
                StandardSections.FiveStars),
        ]);

    /// <inheritdoc />
    public IReadOnlyList<IIndicatorScorer> Scorers { get; } = [new JsonVersionScorer()];
}

/// <summary>Reports the Newtonsoft.Json version the pack runs with.</summary>
public sealed class JsonVersionScorer : IIndicatorScorer
{
    /// <summary>The id the manifest refers to.</summary>
    public const string ScorerId = "json-version";

    /// <inheritdoc />
    public string Id => ScorerId;

    /// <inheritdoc />
    public IndicatorResult Score(Indicator indicator, BranchEvidence evidence) =>
        new(1, $"{JsonConvert.SerializeObject(evidence.Branch.Code)} Newtonsoft.Json {typeof(JsonConvert).Assembly.GetName().Version}");
}
