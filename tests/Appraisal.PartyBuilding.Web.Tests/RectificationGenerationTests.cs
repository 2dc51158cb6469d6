using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Finalising a period lists its rectification items a chunk of branches at a time, written in bulk in the final
/// move's transaction (issue 11): the lists do not depend on the chunk size, and two final moves at once list them once.
/// </summary>
public abstract class RectificationGenerationTests(DatabaseProvider provider)
{
    private const int Branches = 60;

    /// <summary>A generated organization scored and published; the clock in the appeal window.</summary>
    private static async Task<(HttpClient Admin, int PeriodId)> PublishedAsync(AppFactory app)
    {
        await app.InitializeAsync();
        await app.WithDbAsync(db => GeneratedOrganization.AddAsync(db, Branches));
        await app.AddUserAsync("rg-admin", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("rg-sec", Role.Secretary, "GEN000007");
        var admin = await app.BearerClientAsync("rg-admin");
        app.MoveClockTo("2026-10-08 09:00");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "scoring" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "published", confirmMissingManualScores = true })).StatusCode);
        return (admin, id);
    }

    private static Task<HttpResponseMessage> FinaliseAsync(HttpClient admin, int periodId) =>
        admin.PostAsJsonAsync($"/api/v1/periods/{periodId}/transitions", new { to = "final", closeAppealsEarly = true, confirmMissingManualScores = true });

    /// <summary>Every stored item with its history, comparable across databases.</summary>
    private static Task<List<string>> ItemsAsync(AppFactory app, int periodId) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AppraisalDbContext>();
        var items = await db.RectificationItems.AsNoTracking().Where(i => i.PeriodId == periodId).Include(i => i.History).Include(i => i.Branch).ToListAsync();
        return items
            .Select(i => $"{i.Branch!.Code}|{i.IndicatorCode}|{i.IndicatorName}|{i.Score}|{i.MaxScore}|{i.PassScore}|{i.Reasons}|{i.OwnerLogin}|{i.Deadline:yyyy-MM-dd}|{i.State}|{i.CreatedAt.UtcTicks}|"
                + string.Join("/", i.History.Select(e => $"{e.Kind}:{e.Actor}:{e.At.UtcTicks}:{e.Text}")))
            .Order(StringComparer.Ordinal)
            .ToList();
    });

    [Fact]
    public async Task Lists_made_seven_branches_at_a_time_equal_lists_made_at_once()
    {
        List<string> chunked, atOnce;
        await using (var app = new ChunkedApp(provider, 7))
        {
            var (admin, id) = await PublishedAsync(app);
            Assert.Equal(HttpStatusCode.OK, (await FinaliseAsync(admin, id)).StatusCode);
            chunked = await ItemsAsync(app, id);
            Assert.Equal(1, await app.CountAuditAsync("rectification.generate"));
        }

        await using (var app = new ChunkedApp(provider, 50_000))
        {
            var (admin, id) = await PublishedAsync(app);
            Assert.Equal(HttpStatusCode.OK, (await FinaliseAsync(admin, id)).StatusCode);
            atOnce = await ItemsAsync(app, id);
        }

        Assert.Equal(atOnce, chunked);

        // Items in many chunks (the generated branches are numbered in chunk order), one of them the secretary's own.
        var branches = chunked.Select(i => i.Split('|')[0]).Distinct().ToList();
        Assert.True(branches.Count > 14, $"{branches.Count} branches listed");
        Assert.Contains(chunked, i => i.StartsWith("GEN000007|", StringComparison.Ordinal) && i.Split('|')[7] == "rg-sec");
        Assert.All(chunked, i => Assert.Contains("Created:rg-admin:", i, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_final_moves_at_once_list_the_items_once()
    {
        await using var app = new ChunkedApp(provider, 7);
        var (admin, id) = await PublishedAsync(app);
        var other = await app.BearerClientAsync("rg-admin");

        using var start = new SemaphoreSlim(0);
        var moves = new[] { admin, other }.Select(client => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await FinaliseAsync(client, id);
        })).ToList();
        start.Release(2);
        var answers = await Task.WhenAll(moves);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order().ToList());
        var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("2026年第3季度的考核期状态刚刚被他人变更，请刷新后重试。", (await loser.JsonAsync()).GetProperty("detail").GetString());
        var items = await ItemsAsync(app, id);
        Assert.NotEmpty(items);
        Assert.Equal(items.Count, items.Select(i => string.Join('|', i.Split('|').Take(2))).Distinct().Count());
        Assert.Equal(1, await app.CountAuditAsync("rectification.generate"));
        Assert.Equal(1, await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().AuditEntries
            .CountAsync(a => a.Action == "periods.transition" && a.Detail!.Contains("已定稿"))));
    }

    /// <summary>
    /// The reminder run reads the due items seven at a time (the chunk size) and writes every reminder in bulk in one
    /// transaction: each item gets its T−7 notice once, and of two runs at once one stores them all and the other none
    /// (it meets the first's rows on the unique index).
    /// </summary>
    [Fact]
    public async Task Reminders_for_items_in_many_chunks_are_sent_once_even_by_two_runs_at_once()
    {
        await using var app = new ChunkedApp(provider, 7);
        var (admin, id) = await PublishedAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await FinaliseAsync(admin, id)).StatusCode);
        var items = (await ItemsAsync(app, id)).Count;
        Assert.True(items > 14, $"{items} items");

        // The deadline is 30 days after 8 October, China time: 7 November; T−7 is 31 October.
        var due = new DateTimeOffset(2026, 10, 31, 8, 30, 0, TimeSpan.FromHours(8));
        using var start = new SemaphoreSlim(0);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await app.WithScopeAsync(services => services.GetRequiredService<Features.Rectification.RectificationReminders>().RunAsync(due));
        })).ToList();
        start.Release(2);
        var sent = await Task.WhenAll(runs);

        Assert.Equal([0, items], sent.Order().ToList());
        var stored = await app.WithScopeAsync(services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            return db.RectificationReminders
                .Join(db.RectificationItems, r => r.ItemId, i => i.Id, (r, i) => new { r.ItemId, r.Kind, r.Message, r.Deadline, r.At, r.RecipientOrganizationId, i.BranchId })
                .ToListAsync();
        });
        Assert.Equal(items, stored.Select(r => r.ItemId).Distinct().Count());
        Assert.All(stored, r => Assert.Equal(Core.Rectification.ReminderKind.DueIn7Days, r.Kind));
        // Written in bulk, read back through EF Core: the same date, instant and recipient (the item's own branch).
        Assert.All(stored, r => Assert.Equal((new DateOnly(2026, 11, 7), due, r.BranchId), (r.Deadline, r.At, r.RecipientOrganizationId)));
        Assert.All(stored, r => Assert.Contains("将于2026-11-07到期（还有7天）", r.Message, StringComparison.Ordinal));
        Assert.Equal(1, await app.CountAuditAsync("rectification.remind"));
        Assert.Equal(0, await app.WithScopeAsync(services => services.GetRequiredService<Features.Rectification.RectificationReminders>().RunAsync(due)));
    }
}

public sealed class SqliteRectificationGenerationTests() : RectificationGenerationTests(DatabaseProvider.Sqlite);

public sealed class PostgresRectificationGenerationTests() : RectificationGenerationTests(DatabaseProvider.PostgreSql);
