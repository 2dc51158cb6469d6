using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Testing;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// A period's scoring split per subtree on two app nodes that share one PostgreSQL database (two Hangfire servers on
/// the same storage): every part and the final ranking run once, whichever node takes them, and the totals, ranks
/// and percentiles are those of scoring in one step. (Processes and SIGKILL are SchedulerClusterTests' part.)
/// </summary>
public sealed class ScoringClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_nodes_share_the_parts_of_a_periods_scoring_and_rank_it_once_like_scoring_in_one_step()
    {
        var first = new PostgresJobsApp();
        await first.InitializeAsync();
        var second = new JobsNodeOn(first.Database);
        try
        {
            await RunAsync(first, second);
        }
        finally
        {
            await second.DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    private async Task RunAsync(AppFactory first, AppFactory second)
    {
        for (var c = 1; c <= 6; c++)
        {
            await first.AddOrganizationAsync($"SC-DW{c}", $"分片党委{c}", Organization.RootCode, OrganizationKind.PartyCommittee);
            for (var b = 1; b <= 2; b++)
            {
                await first.AddOrganizationAsync($"SC-ZB{c}{b}", $"分片支部{c}{b}", $"SC-DW{c}", OrganizationKind.Branch, "community/rural", 5 + c + b, 3);
            }
        }

        await first.WithDbAsync(async db =>
        {
            // Different meetings in different subtrees: the ranks depend on branches scored by other parts.
            foreach (var branch in await db.Organizations.Where(o => o.Code.StartsWith("SC-ZB")).ToListAsync())
            {
                for (var m = 0; m < branch.MemberCount % 4; m++)
                {
                    db.MeetingRecords.Add(new MeetingRecord
                    {
                        BranchId = branch.Id,
                        Type = MeetingType.Committee,
                        Date = new DateOnly(2026, 4 + m, 3),
                        Expected = 3,
                        Present = 3,
                        Topic = "研究工作",
                        CreatedAt = DateTimeOffset.UnixEpoch,
                    });
                }
            }

            await db.SaveChangesAsync();
        });
        await first.AddUserAsync("sc-admin", Role.OrgAdmin, Organization.RootCode);
        _ = second.Server; // both nodes' Hangfire servers run
        var admin = await first.BearerClientAsync("sc-admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 2 })).JsonAsync()).GetProperty("id").GetInt32();

        var statusUrl = await JobApiTests.AcceptedAsync(await admin.PostAsync($"/api/v1/periods/{id}/scoring", null));
        var done = await JobApiTests.FinishedAsync(admin, statusUrl);

        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(12, done.GetProperty("result").GetProperty("scored").GetInt32());
        var storage = first.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var parts = JsonSerializer.Deserialize<string[]>(JsonSerializer.Deserialize<string>(connection.GetJobParameter(statusUrl.Split('/')[^1], "parts"))!)!;
        Assert.Equal(6, parts.Length);
        var servers = new List<string>();
        foreach (var part in parts)
        {
            var history = storage.GetMonitoringApi().JobDetails(part).History;
            Assert.Equal("Succeeded", history.First().StateName);
            servers.Add(Assert.Single(history, h => h.StateName == "Processing").Data["ServerId"]);
        }

        output.WriteLine($"parts per server: {string.Join(", ", servers.GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}"))}");
        await first.WithDbAsync(async db =>
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "periods.scoring" && a.Target == "2026Q2" && a.Detail!.StartsWith("分片计分完成并排名"))));

        var split = await ScoresAsync(admin, id);
        Assert.True(split.Select(s => s.Split(' ')[2]).Distinct().Count() > 1, "the totals should differ so that ranking means something");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
        Assert.Equal(split, await ScoresAsync(admin, id));
    }

    private static async Task<List<string>> ScoresAsync(HttpClient client, int periodId) =>
        (await (await client.GetAsync($"/api/v1/periods/{periodId}/scores")).JsonAsync()).EnumerateArray()
            .Select(s => $"{s.GetProperty("branchCode").GetString()} {s.GetProperty("total").GetDecimal()} {s.GetProperty("rank").GetInt32()} {s.GetProperty("percentile").GetDecimal()}")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A second node: the same database, its own Hangfire server.</summary>
    private sealed class JobsNodeOn : AppFactory
    {
        public JobsNodeOn(TestDatabase database)
            : base(database) => JobWorkers = true;
    }
}
