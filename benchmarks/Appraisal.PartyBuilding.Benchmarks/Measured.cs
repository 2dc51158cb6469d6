using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// One operation timed in a process of its own, so that its memory is the operation's and not the benchmark's
/// (BenchmarkDotNet's in-process runs held the floor's copy of the result rows in the same heap). Peak memory is the
/// kernel's high-water mark of the resident set (<c>VmHWM</c>), reset just before the operation (<c>clear_refs</c>
/// 5), so it counts the runtime and the app's host (<see cref="BaseMb"/>, resident before the operation) plus what the
/// operation itself needed.
/// </summary>
/// <para><see cref="CpuSeconds"/> is the CPU time of the operation's process (all its threads) while it ran: less
/// sensitive to the machine's load than the wall time.</para>
internal sealed record Measured(string Operation, double Seconds, double PeakMb, double BaseMb, double? PartSeconds = null, double? CpuSeconds = null)
{
    private const string Marker = "MEASURED ";

    /// <summary>In the child: runs <paramref name="operation"/> between a reset of the high-water mark and its reading, and prints the figures.</summary>
    public static async Task<int> ReportAsync(string name, Func<Task<double?>> operation)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var resetOk = TryResetPeak();
        var before = StatusMb("VmRSS");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var part = await operation();
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var peak = resetOk ? StatusMb("VmHWM") : double.NaN;
        Console.WriteLine(Marker + JsonSerializer.Serialize(new Measured(name, seconds, peak, before, part, cpuSeconds)));
        return 0;
    }

    /// <summary>In the parent: runs this program with <paramref name="arguments"/> in a new process and reads its figures.</summary>
    public static async Task<Measured> InChildAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        var path = Environment.ProcessPath!;
        start.FileName = path;

        // A profile instead of a measurement: APPRAISAL_BENCH_TRACE names dotnet-trace, which starts the operation and
        // writes a sampled thread-time trace beside the other results (its figures then include the profiler's cost).
        if (Environment.GetEnvironmentVariable("APPRAISAL_BENCH_TRACE") is { Length: > 0 } trace)
        {
            start.FileName = trace;
            var output = Path.Combine(BenchmarkPaths.Repo, "artifacts", "benchmarks", $"{arguments[0]}-{DateTime.UtcNow:HHmmss}.nettrace");
            foreach (var argument in new[] { "collect", "--profile", "dotnet-sampled-thread-time", "--show-child-io", "-o", output, "--", path })
            {
                start.ArgumentList.Add(argument);
            }
        }

        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add("op");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Measured? measured = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                measured = JsonSerializer.Deserialize<Measured>(line[Marker.Length..]);
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        await process.WaitForExitAsync();
        return process.ExitCode == 0 && measured is not null
            ? measured
            : throw new InvalidOperationException($"op {string.Join(' ', arguments.Take(2))} exited with {process.ExitCode}");
    }

    public static double StatusMb(string key, int? pid = null)
    {
        foreach (var line in File.ReadLines($"/proc/{(pid is { } p ? p.ToString(CultureInfo.InvariantCulture) : "self")}/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Operation}: {Seconds:0.00} s{(PartSeconds is { } p ? $" (of which {p:0.00} s)" : "")}{(CpuSeconds is { } c ? $", CPU {c:0.00} s" : "")}, peak RSS {PeakMb:0} MB (resident before {BaseMb:0} MB)");
}
