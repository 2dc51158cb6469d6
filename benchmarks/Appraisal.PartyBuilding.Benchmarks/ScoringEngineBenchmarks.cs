using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Testing;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using BenchmarkDotNet.Attributes;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// The scoring engine alone, in memory: every generated branch scored by the real 1+N and community packs, then
/// ranked within its category. This is the ceiling for a province-sized organization with the database taken away.
/// </summary>
[MemoryDiagnoser]
public class ScoringEngineBenchmarks
{
    private readonly List<(BranchCategory Category, LoadedPack Pack, BranchEvidence Evidence)> branches = [];

    [Params(1_000, 10_000, 100_000)]
    public int Branches { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = PackCatalog.Load(BenchmarkPaths.Packs);
        var generated = GeneratedOrganization.Generate(Branches, "/ROOT/GEN/").ToList();
        for (var i = 0; i < generated.Count; i++)
        {
            // Not stored: the evidence is found by branch id, so each branch gets one of its own here.
            generated[i].Branch.Id = i + 1;
        }

        var none = Array.Empty<int>();
        var evidence = new QuarterEvidence(
            GeneratedOrganization.Quarter,
            generated.SelectMany(g => g.Records).Select(r => new MeetingEvidence(r.Branch!.Id, r.Type, r.Date, r.Expected, r.Present, r.GroupName, r.Status))
                .ToLookup(m => m.BranchId),
            none.ToLookup(_ => 0, _ => (Core.AssessmentEvidence.BranchKpiValue)null!),
            none.ToLookup(_ => 0, _ => (Core.AssessmentEvidence.BranchEvent)null!),
            none.ToLookup(_ => 0, _ => (Core.AssessmentEvidence.BranchRating)null!),
            none.ToLookup(_ => 0, _ => (Core.AssessmentEvidence.BranchManualScore)null!));
        foreach (var (branch, _) in generated)
        {
            var category = catalog.FindCategory(branch.CategoryCode!)!;
            branches.Add((category, catalog.FindPackOfCategory(category.Code)!, evidence.For(branch, category)));
        }
    }

    [Benchmark]
    public int ScoreAndRank()
    {
        var scores = branches.Select(b => ScoringEngine.Score(b.Category, b.Evidence, b.Pack.FindScorer)).ToList();
        return ScoringEngine.Rank(scores).Count;
    }
}
