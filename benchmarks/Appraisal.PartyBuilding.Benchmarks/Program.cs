using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: the benchmarks need the packs and databases of this repository, not a generated copy of it. The timeout
// covers a setup that generates a province (100,000 branches take tens of minutes), past the default of 5 minutes.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(3), logOutput: true)))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator)
    .WithArtifactsPath(Path.Combine(Appraisal.PartyBuilding.Benchmarks.BenchmarkPaths.Repo, "artifacts", "benchmarks"));
BenchmarkSwitcher.FromAssembly(typeof(Appraisal.PartyBuilding.Benchmarks.BenchmarkPaths).Assembly).Run(args, config);

namespace Appraisal.PartyBuilding.Benchmarks
{
    internal static class BenchmarkPaths
    {
        public static string Packs =>
            typeof(BenchmarkPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PacksPath").Value!;

        public static string Repo => Path.GetFullPath(Path.Combine(Packs, "..", ".."));
    }
}
