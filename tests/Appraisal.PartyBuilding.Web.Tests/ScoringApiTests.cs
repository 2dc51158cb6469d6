using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// SPEC "Integration contract": <c>POST /api/v1/periods/{id}/scoring?wait=true</c> and <c>GET /api/v1/periods/{id}/scores</c>,
/// and issue 3's check that the same generated organization of 1,000 branches scores identically on SQLite and PostgreSQL.
/// </summary>
public sealed class ScoringApiTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_secretary_sees_the_branch_score_with_explanations_and_only_their_own_branch()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        await app.AddOrganizationAsync("SA-DW", "计分党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("SA-ZB1", "计分第一党支部", "SA-DW", OrganizationKind.Branch, "community/rural", 10, 3, "一组");
        await app.AddOrganizationAsync("SA-ZB2", "计分第二党支部", "SA-DW", OrganizationKind.Branch, "community/rural", 10, 3, "一组");
        await app.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == "SA-ZB1");
            db.MeetingRecords.AddRange(
                Meeting(branch.Id, MeetingType.Assembly, new DateOnly(2026, 8, 15), 10, 9),
                Meeting(branch.Id, MeetingType.Committee, new DateOnly(2026, 7, 3), 3, 3),
                Meeting(branch.Id, MeetingType.Committee, new DateOnly(2026, 9, 3), 3, 2));
            await db.SaveChangesAsync();
        });
        await app.AddUserAsync("sa-admin", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("sa-secretary", Role.Secretary, "SA-ZB1");
        var admin = await app.BearerClientAsync("sa-admin");

        var period = await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync();
        var id = period.GetProperty("id").GetInt32();
        var scoring = await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null);
        Assert.Equal(HttpStatusCode.OK, scoring.StatusCode);
        Assert.Equal(2, (await scoring.JsonAsync()).GetProperty("scored").GetInt32());

        var secretary = await app.BearerClientAsync("sa-secretary");
        var scores = await (await secretary.GetAsync($"/api/v1/periods/{id}/scores")).JsonAsync();
        var own = Assert.Single(scores.EnumerateArray());
        Assert.Equal("SA-ZB1", own.GetProperty("branchCode").GetString());
        Assert.Equal("community/rural", own.GetProperty("categoryCode").GetString());
        Assert.Equal(1, own.GetProperty("rank").GetInt32());
        var committee = own.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "shyk.committee");
        Assert.Equal(8m, committee.GetProperty("score").GetDecimal());
        Assert.Equal(12m, committee.GetProperty("maxScore").GetDecimal());
        Assert.Equal("支委会：7月、9月已开，8月缺", committee.GetProperty("explanation").GetString());
        // 三会一课 10 + 8 + 0 + 0 + 0, plus the rural deduction indicators kept whole without events (三资 8, 上访 6, 党费 3).
        Assert.Equal(10m + 8m + 0m + 0m + 0m + 8m + 6m + 3m, own.GetProperty("total").GetDecimal());
        Assert.False(string.IsNullOrEmpty(own.GetProperty("grade").GetString()));
    }

    [Fact]
    public async Task Scoring_a_final_period_is_refused_and_an_unknown_period_is_404()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        await app.AddUserAsync("sf-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync("sf-admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 1 })).JsonAsync()).GetProperty("id").GetInt32();
        await app.WithDbAsync(async db =>
        {
            (await db.Periods.SingleAsync(p => p.Id == id)).State = PeriodState.Final;
            await db.SaveChangesAsync();
        });

        var refused = await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("已定稿", (await refused.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/periods/424242/scoring?wait=true", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/periods/424242/scores")).StatusCode);
    }

    /// <summary>
    /// Also the chunking: SQLite scores the 1,000 branches in one chunk on the transaction's connection, PostgreSQL in 28
    /// chunks of 37 (the last one short), read and scored on a second connection while the previous chunk is written.
    /// </summary>
    [Fact]
    public async Task A_thousand_generated_branches_score_identically_on_SQLite_and_PostgreSQL()
    {
        var sqlite = await ScoreGeneratedOrganizationAsync(new SqliteApp());
        var postgres = await ScoreGeneratedOrganizationAsync(new ChunkedApp(DatabaseProvider.PostgreSql, 37));

        Assert.Equal(1000, sqlite.Count);
        Assert.Equal(sqlite, postgres);
    }

    /// <summary>A chunk size outside 1..50,000 is a configuration error: the app refuses to start and names the setting.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(50_001)]
    public async Task A_chunk_size_out_of_range_stops_the_start(int chunkSize)
    {
        await using var app = new ChunkedApp(DatabaseProvider.Sqlite, chunkSize);
        await app.InitializeAsync();

        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.CreateClient());
        Assert.Contains(nameof(Features.Scoring.ScoringOptions.ChunkSize), refused.Message);
    }

    /// <summary>
    /// A run cancelled while its chunks are read on the second connection and written on the first stops both, stores
    /// nothing, leaves the period open and leaves no connection behind: the next run scores every branch.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_cancelled_scoring_stores_nothing_and_the_next_run_scores_everything(DatabaseProvider provider)
    {
        await using var app = new ChunkedApp(provider, 1);
        await app.InitializeAsync();
        await app.WithDbAsync(db => GeneratedOrganization.AddAsync(db, 400));
        var periodId = await app.WithScopeAsync(async services =>
        {
            var opened = await services.GetRequiredService<Features.Periods.PeriodOpening>().OpenAsync(GeneratedOrganization.Quarter, "test", null, CancellationToken.None);
            return opened!.Id;
        });

        // 400 chunks of one branch each take far longer than this on any machine.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            app.WithScopeAsync(services => services.GetRequiredService<Features.Scoring.PeriodScoring>().RunAsync(periodId, "test", cancel.Token)));

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.BranchResults.CountAsync(r => r.PeriodId == periodId));
            Assert.Equal(PeriodState.Open, (await db.Periods.SingleAsync(p => p.Id == periodId)).State);
        });
        var outcome = await app.WithScopeAsync(services =>
            services.GetRequiredService<Features.Scoring.PeriodScoring>().RunAsync(periodId, "test", CancellationToken.None));
        Assert.Null(outcome.Error);
        Assert.Equal(400, outcome.Scored);
        await app.WithDbAsync(async db => Assert.Equal(400, await db.BranchResults.CountAsync(r => r.PeriodId == periodId && r.Rank > 0)));
    }

    private async Task<List<string>> ScoreGeneratedOrganizationAsync(AppFactory app)
    {
        await using (app)
        {
            await app.InitializeAsync();
            await app.WithDbAsync(db => GeneratedOrganization.AddAsync(db, 1000));
            await app.AddUserAsync("gen-admin", Role.OrgAdmin, Organization.RootCode);
            var admin = await app.BearerClientAsync("gen-admin");
            // HttpClient's default 100 s is not about correctness: a loaded CI machine may need longer for 1,000 branches.
            admin.Timeout = TimeSpan.FromMinutes(10);
            var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();

            var watch = Stopwatch.StartNew();
            var response = await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null);
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            output.WriteLine($"{app.Provider}: scoring 1,000 branches took {watch.ElapsedMilliseconds} ms (measured, not asserted)");

            return (await AllScoresAsync(admin, id)).Select(Canonical).OrderBy(s => s, StringComparer.Ordinal).ToList();
        }
    }

    [Fact]
    public async Task Scores_come_in_bounded_pages_with_the_total_in_headers()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        await app.WithDbAsync(db => GeneratedOrganization.AddAsync(db, 250));
        await app.AddUserAsync("pg-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync("pg-admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);

        var first = await admin.GetAsync($"/api/v1/periods/{id}/scores");
        Assert.Equal("250", Header(first, "X-Total-Count"));
        Assert.Equal("3", Header(first, "X-Page-Count"));
        var firstPage = (await first.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(100, firstPage.Count);
        Assert.All(firstPage, b => Assert.NotEmpty(b.GetProperty("indicators").EnumerateArray()));

        var last = await admin.GetAsync($"/api/v1/periods/{id}/scores?page=3");
        Assert.Equal(50, (await last.JsonAsync()).GetArrayLength());
        var huge = await admin.GetAsync($"/api/v1/periods/{id}/scores?pageSize=100000");
        Assert.Equal("500", Header(huge, "X-Page-Size"));
        Assert.Equal(250, (await huge.JsonAsync()).GetArrayLength());

        // A page number past the end, up to the largest an int holds, is an empty page, not an overflowing offset.
        var farthest = await admin.GetAsync($"/api/v1/periods/{id}/scores?page={int.MaxValue}&pageSize=500");
        Assert.Equal(HttpStatusCode.OK, farthest.StatusCode);
        Assert.Equal(0, (await farthest.JsonAsync()).GetArrayLength());
        Assert.Equal("250", Header(farthest, "X-Total-Count"));

        // Pages are disjoint and together hold every branch once.
        var all = await AllScoresAsync(admin, id, pageSize: 40);
        Assert.Equal(250, all.Select(b => b.GetProperty("branchCode").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_rescore_on_PostgreSQL_replaces_the_results_atomically_and_gives_the_same_scores()
    {
        await using var app = new PostgresApp();
        await app.InitializeAsync();
        await app.WithDbAsync(db => GeneratedOrganization.AddAsync(db, 300));
        await app.AddUserAsync("rs-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync("rs-admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
        var first = (await AllScoresAsync(admin, id)).Select(Canonical).ToList();
        var (results, indicators) = await CountStoredAsync(app, id);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
        var second = (await AllScoresAsync(admin, id)).Select(Canonical).ToList();

        Assert.Equal(300, first.Count);
        Assert.Equal(first, second);
        Assert.Equal((results, indicators), await CountStoredAsync(app, id));
        Assert.Equal(300, results);
        Assert.True(indicators > 300 * 10, $"{indicators} indicator rows");

        // The whole run ends by vacuuming and analysing the results (the rank step's update leaves a dead version of
        // every row): the ranking's index-only scans are quick from the first page on. The indicator rows are analysed,
        // so that the report's tally is planned for their real number.
        var (vacuumed, analyzed, indicatorsAnalyzed) = await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            return (await db.Database.SqlQuery<long>($"SELECT vacuum_count AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'BranchResults'").SingleAsync(),
                await db.Database.SqlQuery<long>($"SELECT analyze_count AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'BranchResults'").SingleAsync(),
                await db.Database.SqlQuery<long>($"SELECT analyze_count AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'BranchIndicatorScores'").SingleAsync());
        });
        Assert.True(vacuumed >= 2, $"BranchResults vacuumed {vacuumed} times after two runs");
        Assert.True(analyzed >= 2, $"BranchResults analysed {analyzed} times after two runs");
        Assert.True(indicatorsAnalyzed >= 2, $"BranchIndicatorScores analysed {indicatorsAnalyzed} times after two runs");
    }

    private static Task<(int Results, int Indicators)> CountStoredAsync(AppFactory app, int periodId) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var results = await db.BranchResults.CountAsync(r => r.PeriodId == periodId);
            var indicators = await db.Set<BranchIndicatorScore>().CountAsync(i => db.BranchResults.Any(r => r.Id == i.BranchResultId && r.PeriodId == periodId));
            return (results, indicators);
        });

    /// <summary>Every page of <c>GET /scores</c>, following <c>X-Page-Count</c>.</summary>
    private static async Task<List<JsonElement>> AllScoresAsync(HttpClient client, int periodId, int pageSize = 500)
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var response = await client.GetAsync($"/api/v1/periods/{periodId}/scores?page={page}&pageSize={pageSize}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            all.AddRange((await response.JsonAsync()).EnumerateArray());
            if (page >= int.Parse(Header(response, "X-Page-Count"), System.Globalization.CultureInfo.InvariantCulture))
            {
                return all;
            }
        }
    }

    private static string Header(HttpResponseMessage response, string name) => Assert.Single(response.Headers.GetValues(name));

    /// <summary>One line per branch with every value that must agree, numbers normalised (10.0 and 10.00 are the same score).</summary>
    private static string Canonical(JsonElement branch) =>
        string.Join("|",
            branch.GetProperty("branchCode").GetString(),
            branch.GetProperty("categoryCode").GetString(),
            branch.GetProperty("total").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            branch.GetProperty("grade").GetString(),
            branch.GetProperty("rank").GetInt32(),
            branch.GetProperty("percentile").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            string.Join(";", branch.GetProperty("indicators").EnumerateArray().Select(i =>
                $"{i.GetProperty("code").GetString()}={i.GetProperty("score").GetDecimal():0.00}/{i.GetProperty("maxScore").GetDecimal():0.00}:{i.GetProperty("explanation").GetString()}")));

    private static MeetingRecord Meeting(int branchId, MeetingType type, DateOnly date, int expected, int present) => new()
    {
        BranchId = branchId,
        Type = type,
        Date = date,
        Expected = expected,
        Present = present,
        Topic = "学习《中国共产党支部工作条例（试行）》",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}

/// <summary>The app with <c>Scoring:ChunkSize</c> set, so that a small organization is scored in many chunks.</summary>
internal sealed class ChunkedApp(DatabaseProvider provider, int chunkSize) : AppFactory(provider)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scoring:ChunkSize", chunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
