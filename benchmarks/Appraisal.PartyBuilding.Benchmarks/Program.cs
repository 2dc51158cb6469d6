using System.Globalization;
using System.Reflection;
using Appraisal.PartyBuilding.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Verbs for issue 11's sized goals, each operation in a process of its own (see ScaleRuns, LoadTest, ScaleOut);
// anything else goes to BenchmarkDotNet.
static int Int(string[] args, int index, int otherwise) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : otherwise;

switch (args)
{
    case ["op", ..]:
        return await ScaleRuns.OperationAsync(args);
    case ["scale", var what, _, ..]:
        return await ScaleRuns.RunAsync(what, Int(args, 2, 10_000), Int(args, 3, 3));
    case ["load", ..]:
        return await LoadTest.RunAsync(Int(args, 1, 100_000), Int(args, 2, 60), Int(args, 3, 50), args.Length > 4 && args[4] == "published");
    case ["scale-out", ..]:
        return await ScaleOut.RunAsync(Int(args, 1, 100_000));
}

// In-process: the benchmarks need the packs and databases of this repository, not a generated copy of it.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator)
    .WithArtifactsPath(Path.Combine(BenchmarkPaths.Repo, "artifacts", "benchmarks"));
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkPaths).Assembly).Run(args, config);
return 0;

namespace Appraisal.PartyBuilding.Benchmarks
{
    internal static class BenchmarkPaths
    {
        public static string Packs =>
            typeof(BenchmarkPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PacksPath").Value!;

        public static string Repo => Path.GetFullPath(Path.Combine(Packs, "..", ".."));
    }
}
