using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The audit log as auditors read it, on both databases: scoped to the auditor's subtree, paged and counted by the
/// database, the chain check page reporting the first broken entry; and the audited confirmation an organization
/// import needs before it changes the kind or category of a node that holds data.
/// </summary>
public abstract partial class AuditTrailTests(AppFactory app)
{
    [GeneratedRegex("共 (\\d+) 条，第 (\\d+) / (\\d+) 页")]
    private static partial Regex Totals();

    private async Task SeedAsync()
    {
        if (await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "at-root-auditor")))
        {
            return;
        }

        await app.AddOrganizationAsync("AT-DWA", "审计甲党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("AT-ZBA", "审计甲党支部", "AT-DWA", OrganizationKind.Branch, "one-plus-n/operations", 18, 5);
        await app.AddOrganizationAsync("AT-DWB", "审计乙党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("AT-ZBB", "审计乙党支部", "AT-DWB", OrganizationKind.Branch, "one-plus-n/operations", 18, 5);
        await app.AddUserAsync("at-root-auditor", Role.Auditor, Organization.RootCode);
        await app.AddUserAsync("at-auditor-a", Role.Auditor, "AT-DWA");
        await app.AddUserAsync("at-sec-a", Role.Secretary, "AT-ZBA");
        await app.AddUserAsync("at-sec-b", Role.Secretary, "AT-ZBB");
        await app.AddUserAsync("at-admin", Role.OrgAdmin, Organization.RootCode);
    }

    private static async Task<(string Html, int Total, int Page, int Pages)> PageAsync(HttpClient client, int page = 1)
    {
        var response = await client.GetAsync($"/audit?page={page}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var totals = Totals().Match(html);
        Assert.True(totals.Success, html);
        return (html, int.Parse(totals.Groups[1].Value), int.Parse(totals.Groups[2].Value), int.Parse(totals.Groups[3].Value));
    }

    [Fact]
    public async Task An_auditor_of_a_subtree_sees_only_its_entries_and_the_pages_are_counted_by_the_database()
    {
        await SeedAsync();
        var secretaryA = await app.BearerClientAsync("at-sec-a");
        var secretaryB = await app.BearerClientAsync("at-sec-b");
        var day = new DateOnly(2026, 5, 1);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await secretaryA.PostAsJsonAsync("/api/v1/records", new { type = "lecture", date = day.AddDays(i).ToString("yyyy-MM-dd"), expected = 18, present = 16, topic = $"甲支部党课{i}" })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await secretaryB.PostAsJsonAsync("/api/v1/records", new { type = "lecture", date = day.AddDays(i).ToString("yyyy-MM-dd"), expected = 18, present = 16, topic = $"乙支部党课{i}" })).StatusCode);
        }

        var scoped = await app.SignedInClientAsync("at-auditor-a");
        var (html, total, _, _) = await PageAsync(scoped);
        Assert.Contains("AT-ZBA#", html);
        Assert.DoesNotContain("AT-ZBB#", html);
        Assert.DoesNotContain("users.add", html); // the accounts were added at the root (system work)
        var expected = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().AuditEntries.CountAsync(a => a.OrganizationPath!.StartsWith("/ROOT/AT-DWA/")));
        Assert.Equal(expected, total);

        var root = await app.SignedInClientAsync("at-root-auditor");
        var (rootHtml, rootTotal, _, pages) = await PageAsync(root);
        Assert.Contains("AT-ZBB#", rootHtml);
        Assert.Equal(await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().AuditEntries.CountAsync()), rootTotal);

        // Enough entries for a second page: the page the database returns holds the rest, newest first.
        await app.WithScopeAsync(async s =>
        {
            var audit = s.GetRequiredService<Web.Platform.AuditLog>();
            for (var i = 0; i < 120; i++)
            {
                audit.Record("at-admin", "test.paging", $"P{i}", null, "/ROOT/AT-DWA/AT-ZBA/");
            }

            return await s.GetRequiredService<AppraisalDbContext>().SaveChangesAsync();
        });
        var (first, scopedTotal, page, scopedPages) = await PageAsync(scoped);
        Assert.Equal(total + 120, scopedTotal);
        Assert.Equal((1, (scopedTotal + 99) / 100), (page, scopedPages));
        Assert.Contains(">P119<", first);
        var (second, _, secondPage, _) = await PageAsync(scoped, 2);
        Assert.Equal(2, secondPage);
        Assert.DoesNotContain(">P119<", second);
        Assert.Contains(">P0<", second);
        Assert.True(pages >= 1);
    }

    [Fact]
    public async Task The_audit_pages_are_for_auditors_only()
    {
        await SeedAsync();
        foreach (var login in new[] { "at-admin", "at-sec-a" })
        {
            var client = await app.SignedInClientAsync(login);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/audit")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/audit/verify")).StatusCode);
            var denied = await client.GetAsync("/audit/verify");
            Assert.Equal("/account/denied", denied.Headers.Location!.AbsolutePath);
        }

        var auditor = await app.SignedInClientAsync("at-auditor-a");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task The_verify_page_reports_the_first_broken_entry_after_an_edit()
    {
        await SeedAsync();
        var auditor = await app.SignedInClientAsync("at-root-auditor");
        var intact = await (await auditor.GetAsync("/audit/verify")).Content.ReadAsStringAsync();
        Assert.Contains("data-intact=\"true\"", intact);

        var (sequence, detail) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppraisalDbContext>();
            var entry = await db.AuditEntries.AsNoTracking().Where(a => a.Detail != null).OrderBy(a => a.Sequence).Skip(2).FirstAsync();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Detail" = '篡改' WHERE "Id" = {0}""", entry.Id);
            return (entry.Sequence!.Value, entry.Detail);
        });
        try
        {
            var broken = await (await auditor.GetAsync("/audit/verify")).Content.ReadAsStringAsync();
            Assert.Contains("data-intact=\"false\"", broken);
            Assert.Contains($"data-testid=\"audit-broken-sequence\">{sequence}<", broken);
        }
        finally
        {
            // The fixture's database is shared by the class: put the entry back so the chain is whole again.
            await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Database
                .ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Detail" = {0} WHERE "Sequence" = {1}""", detail!, sequence));
        }

        Assert.Contains("data-intact=\"true\"", await (await auditor.GetAsync("/audit/verify")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Changing_the_kind_of_a_branch_that_holds_records_needs_an_audited_confirmation()
    {
        await SeedAsync();
        await app.AddOrganizationAsync("AT-ZBC", "审计丙党支部", "AT-DWA", OrganizationKind.Branch, "one-plus-n/operations", 18, 5, "一组");
        await app.AddOrganizationAsync("AT-ZBE", "审计空党支部", "AT-DWA", OrganizationKind.Branch, "one-plus-n/operations", 18, 5);
        await app.AddUserAsync("at-sec-c", Role.Secretary, "AT-ZBC");
        var secretary = await app.BearerClientAsync("at-sec-c");
        Assert.Equal(HttpStatusCode.Created, (await secretary.PostAsJsonAsync("/api/v1/records", new { type = "committee", date = "2026-06-02", expected = 5, present = 5, topic = "研究六月工作" })).StatusCode);
        var admin = await app.BearerClientAsync("at-admin");
        var file = TestSupport.OrganizationFile(
            ["AT-ZBC", "审计丙党总支", "AT-DWA", "党总支", null, null, null, null],
            ["AT-ZBE", "审计空党总支", "AT-DWA", "党总支", null, null, null, null]);

        var refused = await admin.PostAsync("/api/v1/organizations/import", TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.JsonAsync();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "D"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.Contains("会议记录1条", error.GetProperty("message").GetString());
        Assert.Equal(["AT-ZBC:kind"], problem.GetProperty("confirmations").EnumerateArray().Select(c => c.GetString()));
        var unchanged = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Organizations.AsNoTracking().Where(o => o.Code == "AT-ZBC" || o.Code == "AT-ZBE").ToListAsync());
        Assert.All(unchanged, o => Assert.Equal((OrganizationKind.Branch, "one-plus-n/operations"), (o.Kind, o.CategoryCode)));

        var confirmed = await admin.PostAsync("/api/v1/organizations/import?confirm=AT-ZBC:kind", TestSupport.Upload(file));

        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var changed = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Organizations.AsNoTracking().SingleAsync(o => o.Code == "AT-ZBC"));
        Assert.Equal((OrganizationKind.GeneralBranch, null), (changed.Kind, changed.CategoryCode));
        var audit = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().AuditEntries.AsNoTracking().SingleAsync(a => a.Action == OrganizationImport.ReclassifyAction && a.Target == "AT-ZBC"));
        Assert.Equal("at-admin", audit.Actor);
        Assert.Contains("AT-ZBC:kind", audit.Detail);
        Assert.Contains("会议记录1条", audit.Detail);
        Assert.Equal("/ROOT/AT-DWA/AT-ZBC/", audit.OrganizationPath);
    }

    [Fact]
    public async Task Changing_the_category_of_a_branch_that_holds_records_is_refused_with_the_reason_by_row_and_column()
    {
        await SeedAsync();
        await app.AddOrganizationAsync("AT-ZBD", "审计丁党支部", "AT-DWB", OrganizationKind.Branch, "one-plus-n/operations", 12, 3);
        await app.AddUserAsync("at-sec-d", Role.Secretary, "AT-ZBD");
        var secretary = await app.BearerClientAsync("at-sec-d");
        Assert.Equal(HttpStatusCode.Created, (await secretary.PostAsJsonAsync("/api/v1/records", new { type = "committee", date = "2026-06-02", expected = 3, present = 3, topic = "研究六月工作" })).StatusCode);
        var admin = await app.BearerClientAsync("at-admin");
        var file = TestSupport.OrganizationFile(["AT-ZBD", "审计丁党支部", "AT-DWB", "党支部", "community/rural", 12, 3, null]);

        var refused = await admin.PostAsync("/api/v1/organizations/import", TestSupport.Upload(file));
        var wrongConfirmation = await admin.PostAsync("/api/v1/organizations/import?confirm=AT-ZBD:kind", TestSupport.Upload(file));

        foreach (var response in new[] { refused, wrongConfirmation })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
            Assert.Equal((2, "E"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
            Assert.Contains("支部类别", error.GetProperty("message").GetString());
        }

        Assert.Equal("one-plus-n/operations", await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Organizations.Where(o => o.Code == "AT-ZBD").Select(o => o.CategoryCode).SingleAsync()));
    }

    [Fact]
    public async Task The_stored_quarterly_report_file_hash_is_in_the_audit_chain()
    {
        await SeedAsync();
        var hashes = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppraisalDbContext>();
            var period = new Core.Periods.Period { Year = 2025, Quarter = 4, OpenedAt = DateTimeOffset.UnixEpoch, OpenedBy = "test", State = Core.Periods.PeriodState.Published, PublishedAt = DateTimeOffset.UnixEpoch };
            db.Periods.Add(period);
            await db.SaveChangesAsync();
            await s.GetRequiredService<Web.Features.Reports.ReportArchive>().RunAsync("system", CancellationToken.None);
            var stored = await db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.PeriodId == period.Id);
            var entry = await db.AuditEntries.AsNoTracking().Where(a => a.Action == Web.Features.Reports.ReportArchive.ReportAction).OrderByDescending(a => a.Id).FirstAsync();
            return (File: Convert.ToHexStringLower(SHA256.HashData(stored.Content)), Entry: entry);
        });

        Assert.Contains($"SHA-256 {hashes.File}", hashes.Entry.Detail);
        Assert.NotNull(hashes.Entry.Hash);
    }
}

public sealed class SqliteAuditTrailTests(SqliteApp app) : AuditTrailTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAuditTrailTests(PostgresApp app) : AuditTrailTests(app), IClassFixture<PostgresApp>;
