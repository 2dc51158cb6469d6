using System.Globalization;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// Peak memory of one benchmark operation, which BenchmarkDotNet does not report (it counts allocations): the managed
/// heap above what was live before the operation, and the process's working set, sampled every 10 ms. Written to
/// <c>artifacts/benchmarks/peak-memory.md</c>, one line per iteration.
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly string name;
    private readonly long baseline;
    private readonly Timer timer;
    private long peakHeap;
    private long peakWorkingSet;

    private PeakMemory(string name)
    {
        this.name = name;
        baseline = GC.GetTotalMemory(forceFullCollection: true);
        timer = new Timer(_ => Sample(), null, 0, 10);
    }

    public static PeakMemory Start(string name) => new(name);

    public void Dispose()
    {
        timer.Dispose();
        Sample();
        var file = Path.Combine(BenchmarkPaths.Repo, "artifacts", "benchmarks", "peak-memory.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.AppendAllText(file, string.Create(
            CultureInfo.InvariantCulture,
            $"| {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} | {name} | {(peakHeap - baseline) / 1048576.0:0} MB | {peakWorkingSet / 1048576.0:0} MB |{Environment.NewLine}"));
    }

    private void Sample()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var workingSet = Environment.WorkingSet;
        InterlockedMax(ref peakHeap, heap);
        InterlockedMax(ref peakWorkingSet, workingSet);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
