using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.SchedulerNode;

/// <summary>
/// Usage: <c>name postgres-connection-string [--Scheduler:Key=value ...]</c>. A Hangfire server with the app's storage,
/// worker and filter settings (<see cref="SchedulerSetup"/>) and the <c>Scheduler</c> options from the command line.
/// Prints <c>READY server-id</c> once its server is registered, then runs until it is stopped or killed.
/// (Not top-level statements: the test project also sees the web app's Program.)
/// </summary>
internal static class NodeHost
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: Appraisal.PartyBuilding.SchedulerNode <name> <postgres connection string> [--Scheduler:Key=value ...]");
            return 2;
        }

        var name = args[0];
        var connectionString = args[1];
        var builder = Host.CreateApplicationBuilder(args[2..]);
        builder.Configuration.AddInMemoryCollection([new(SchedulerOptions.Section + ":" + nameof(SchedulerOptions.InstanceId), name)]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new NodeSettings(name, connectionString));
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddJobStorage(sp => SchedulerSetup.CreateStorage(DatabaseProvider.PostgreSql, connectionString, sp.GetRequiredService<IOptions<SchedulerOptions>>().Value));
        builder.Services.AddHangfireServer((sp, server) => SchedulerSetup.ConfigureServer(server, sp.GetRequiredService<IOptions<SchedulerOptions>>().Value));
        using var host = builder.Build();
        await host.StartAsync();

        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        string? id;
        while ((id = monitoring.Servers().Select(s => s.Name).FirstOrDefault(s => s.StartsWith(name + ":", StringComparison.Ordinal))) is null)
        {
            await Task.Delay(50);
        }

        Console.WriteLine($"READY {id}");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
