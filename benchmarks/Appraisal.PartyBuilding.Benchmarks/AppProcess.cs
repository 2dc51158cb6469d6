using System.Diagnostics;
using System.Globalization;
using Appraisal.PartyBuilding.Data;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// The app as it is deployed: its own process (the Release build of the web project, Production environment) on
/// <paramref name="port"/> over the benchmark's database, stopped when disposed. Its output goes to a log file.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    private AppProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => process.Id;

    public static string WebDll => Path.Combine(BenchmarkPaths.Repo, "src", "Appraisal.PartyBuilding.Web", "bin", "Release", "net10.0", "Appraisal.PartyBuilding.Web.dll");

    /// <summary>Starts the app and waits until <c>/health</c> answers 200.</summary>
    public static Task<AppProcess> StartAsync(DatabaseOptions database, int port, string log, params string[] settings) =>
        StartAsync(WebDll, database, port, log, settings);

    /// <summary>Starts the build <paramref name="webDll"/> of the app (another commit's, to compare) and waits until it is healthy.</summary>
    public static async Task<AppProcess> StartAsync(string webDll, DatabaseOptions database, int port, string log, params string[] settings)
    {
        if (!File.Exists(webDll))
        {
            throw new FileNotFoundException($"build the web project in Release first: {webDll}");
        }

        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(webDll);
        foreach (var argument in ScaleSetup.AppArguments(database).Where(a => !settings.Any(s => s.Split('=')[0] == a.Split('=')[0])).Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        var process = Process.Start(start)!;
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the app exited with {process.ExitCode}; see {log}");
            }

            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return new AppProcess(process, address);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(3))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"the app was not healthy within 3 minutes; see {log}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The process's resident set now and its peak so far (MB).</summary>
    public (double Rss, double Peak) Memory() => (Measured.StatusMb("VmRSS", process.Id), Measured.StatusMb("VmHWM", process.Id));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
