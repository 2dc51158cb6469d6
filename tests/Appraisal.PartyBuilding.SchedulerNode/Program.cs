using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Appraisal.PartyBuilding.SchedulerNode;

/// <summary>
/// Usage: <c>name postgres-connection-string</c>. Prints <c>READY instance-id</c> once its scheduler runs, then runs
/// until it is stopped or killed. (Not top-level statements: the test project also sees the web app's Program.)
/// </summary>
internal static class NodeHost
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync("usage: Appraisal.PartyBuilding.SchedulerNode <name> <postgres connection string>");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new NodeSettings(args[0], args[1]));
        builder.Services.AddQuartz(quartz => SchedulerSetup.UseAppraisalStore(quartz, DatabaseProvider.PostgreSql, args[1], ClusterTestSettings.Node));
        builder.Services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        using var host = builder.Build();
        await host.StartAsync();

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        while ((await scheduler.GetMetadata()).Status != SchedulerStatus.Running)
        {
            await Task.Delay(50);
        }

        Console.WriteLine($"READY {scheduler.SchedulerInstanceId}");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
