using System.Globalization;
using System.Net;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Excel.Reports;
using Appraisal.PartyBuilding.Web.Features.Reports;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// SPEC "Integration contract": <c>GET /api/v1/periods/{id}/report</c> → the quarterly report as .xlsx: per-category
/// ranking, grade distribution, movers, weak indicators and 无差别考核, for the caller's subtree; the organization-wide
/// file is the stored one while it is current.
/// </summary>
public abstract class QuarterlyReportApiTests(DatabaseProvider provider)
{
    private static async Task<ExcelPackage> WorkbookAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSupport.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        return new ExcelPackage(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>The sheet's rows below the header, cells as text (numbers invariant, no trailing zeros).</summary>
    private static List<string> Rows(ExcelPackage workbook, string sheetName)
    {
        var sheet = workbook.Workbook.Worksheets[sheetName];
        Assert.NotNull(sheet);
        var rows = new List<string>();
        if (sheet.Dimension is null)
        {
            return rows;
        }

        for (var r = 2; r <= sheet.Dimension.End.Row; r++)
        {
            var cells = Enumerable.Range(1, sheet.Dimension.End.Column).Select(c => sheet.Cells[r, c].Value switch
            {
                null => "",
                double d => ((decimal)d).ToString("0.####", CultureInfo.InvariantCulture),
                decimal m => m.ToString("0.####", CultureInfo.InvariantCulture),
                var v => v.ToString()!,
            });
            rows.Add(string.Join("|", cells).TrimEnd('|'));
        }

        return rows;
    }

    private static async Task<HttpClient> ClientAsync(AppFactory app, string login, string role, string organization)
    {
        await app.AddUserAsync(login, role, organization);
        return await app.BearerClientAsync(login);
    }

    [Fact]
    public async Task The_organization_wide_report_is_a_real_workbook_with_the_expected_numbers()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (_, q3) = await ReportData.SeedAsync(app);
        var admin = await ClientAsync(app, "qr-admin", Role.OrgAdmin, Organization.RootCode);

        var response = await admin.GetAsync($"/api/v1/periods/{q3}/report");

        using var workbook = await WorkbookAsync(response);
        Assert.Equal("2026年第3季度考核通报.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(
            [QuarterlyReportWorkbook.SummarySheet, QuarterlyReportWorkbook.RankingSheet, QuarterlyReportWorkbook.GradesSheet, QuarterlyReportWorkbook.MoversSheet, QuarterlyReportWorkbook.WeakSheet, QuarterlyReportWorkbook.UniformSheet],
            workbook.Workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Workbook.Worksheets[QuarterlyReportWorkbook.SummarySheet];
        Assert.Equal("根组织2026年第3季度党支部考核通报", summary.Cells[1, 1].Text);
        Assert.Equal("公示中", summary.Cells[5, 2].Text);
        Assert.Equal("8", summary.Cells[8, 2].Text);
        Assert.Equal(28d, workbook.Workbook.Worksheets[QuarterlyReportWorkbook.RankingSheet].Column(4).Width);

        Assert.Equal(
        [
            "农村党支部|1|R1|R1党支部|40|40|1|优秀|100",
            "农村党支部|2|R2|R2党支部|36|40|0.9|优秀|80",
            "农村党支部|3|R6|R6党支部|34|40|0.85|良好|60",
            "农村党支部|4|R4|R4党支部|30|40|0.75|一般|40",
            "农村党支部|5|R3|R3党支部|26|40|0.65|较差|20",
            "农村党支部|6|R5|R5党支部|12|40|0.3|较差|0",
            "城市社区党支部|1|U1|U1党支部|40|40|1|优秀|100",
            "城市社区党支部|2|U2|U2党支部|12|40|0.3|较差|0",
        ],
        Rows(workbook, QuarterlyReportWorkbook.RankingSheet));
        Assert.Equal(
        [
            "农村党支部|优秀|2|0.3333", "农村党支部|良好|1|0.1667", "农村党支部|一般|1|0.1667", "农村党支部|较差|2|0.3333",
            "城市社区党支部|优秀|1|0.5", "城市社区党支部|良好|0|0", "城市社区党支部|一般|0|0", "城市社区党支部|较差|1|0.5",
            "全部类别|优秀|3|0.375", "全部类别|良好|1|0.125", "全部类别|一般|1|0.125", "全部类别|较差|3|0.375",
        ],
        Rows(workbook, QuarterlyReportWorkbook.GradesSheet));
        Assert.Equal(
        [
            "R1|R1党支部|农村党支部|30|40|10|3|1|2",
            "R4|R4党支部|农村党支部|20|30|10|5|4|1",
            "U1|U1党支部|城市社区党支部|40|40|0|1|1|0",
            "U2|U2党支部|城市社区党支部|12|12|0|2|2|0",
            "R2|R2党支部|农村党支部|38|36|-2|1|2|-1",
            "R5|R5党支部|农村党支部|24|12|-12|4|6|-2",
            "R3|R3党支部|农村党支部|34|26|-8|2|5|-3",
        ],
        Rows(workbook, QuarterlyReportWorkbook.MoversSheet));
        Assert.Equal(
        [
            "shyk.lecture|党课|8|3|6|0.5|4|0.5|4",
            "shyk.assembly|支部党员大会|8|6.25|10|0.625|5|0.625|3",
            "shyk.committee|支部委员会|8|7.5|12|0.625|4|0.5|2",
        ],
        Rows(workbook, QuarterlyReportWorkbook.WeakSheet));
        Assert.Equal(
        [
            "shyk.group|党小组会|8|6|6|1|8|1|0",
            "shyk.theme-day|主题党日|8|6|6|1|8|1|0",
        ],
        Rows(workbook, QuarterlyReportWorkbook.UniformSheet));
    }

    [Fact]
    public async Task Names_that_look_like_formulas_are_written_as_neutralised_text()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (_, q3) = await ReportData.SeedAsync(app);
        await app.WithDbAsync(async db =>
        {
            (await db.Organizations.SingleAsync(o => o.Code == "U1")).Name = "=HYPERLINK(\"http://evil\",\"点我\")";
            (await db.Organizations.SingleAsync(o => o.Code == "U2")).Name = "@SUM(1+1)";
            await db.SaveChangesAsync();
        });
        var admin = await ClientAsync(app, "qr-admin4", Role.OrgAdmin, Organization.RootCode);

        using var workbook = await WorkbookAsync(await admin.GetAsync($"/api/v1/periods/{q3}/report"));

        var ranking = workbook.Workbook.Worksheets[QuarterlyReportWorkbook.RankingSheet];
        var names = Enumerable.Range(2, ranking.Dimension.End.Row - 1).Select(r => ranking.Cells[r, 4]).ToList();
        Assert.Contains(names, c => c.Text == "'=HYPERLINK(\"http://evil\",\"点我\")");
        Assert.Contains(names, c => c.Text == "'@SUM(1+1)");
        Assert.All(names, c => Assert.True(string.IsNullOrEmpty(c.Formula), $"{c.Address} holds a formula"));
    }

    [Fact]
    public async Task Indicator_statistics_summed_by_the_database_equal_those_computed_from_every_indicator_row()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (_, q3) = await ReportData.SeedAsync(app);
        // Scores whose ratios do not end (1/3, 2.5/3 …), one code with another maximum in the other category, and
        // vetoes (no maximum), so that the database's sums (numeric on PostgreSQL, text on SQLite) must be exact.
        decimal[] fractions = [1, 2.5m, 0.33m, 3, 1.67m, 0];
        await app.WithDbAsync(async db =>
        {
            var results = await db.BranchResults.Where(r => r.PeriodId == q3).OrderBy(r => r.Id).ToListAsync();
            for (var i = 0; i < results.Count; i++)
            {
                var urban = results[i].CategoryCode == ReportData.Urban;
                db.Set<BranchIndicatorScore>().AddRange(
                    new BranchIndicatorScore { BranchResultId = results[i].Id, PeriodId = q3, Code = "qr.fraction", DimensionCode = "qr", Score = urban ? (i == 6 ? 7 : 2.5m) : fractions[i], MaxScore = urban ? 7 : 3, Explanation = "测试数据" },
                    new BranchIndicatorScore { BranchResultId = results[i].Id, PeriodId = q3, Code = "qr.veto", DimensionCode = "qr", Score = 0, MaxScore = 0, Explanation = "测试数据", VetoTriggered = true });
            }

            await db.SaveChangesAsync();
        });

        // The root's report tallies the period's rows without joining them to its subtree (every branch is in it); a
        // subtree's (QR-DW, without R6) tallies its own results' rows only.
        var reports = new Dictionary<string, (QuarterlyReport FromDatabase, QuarterlyReport FromRows)>();
        foreach (var code in new[] { Organization.RootCode, "QR-DW" })
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
            var period = await db.Periods.SingleAsync(p => p.Id == q3);
            var node = await db.Organizations.SingleAsync(o => o.Code == code);
            var fromDatabase = await scope.ServiceProvider.GetRequiredService<QuarterlyReports>().BuildAsync(period, node, CancellationToken.None);

            // The same results with every indicator row, analysed in memory as the report did before (issue 11).
            var results = (await db.BranchResults.AsNoTracking().Include(r => r.Branch).Include(r => r.Indicators)
                    .Where(r => r.PeriodId == q3 && r.Branch!.Path.StartsWith(node.Path)).ToListAsync())
                .Select(r => new ReportResult(r.Branch!.Code, r.Branch.Name, r.CategoryCode, r.Total, r.MaxPoints, r.Grade, r.Rank, r.Percentile,
                    r.Indicators.Select(i => new ReportIndicatorScore(i.Code, i.Score, i.MaxScore)).ToList()))
                .ToList();
            var names = fromDatabase.WeakIndicators.Concat(fromDatabase.UniformIndicators).ToDictionary(s => s.Code, s => s.Name);
            var fromRows = QuarterlyReportBuilder.Build(
                new ReportInput(period.AsQuarter, node.Name, period.State, period.PublishedAt, period.AppealsCloseAt, results, null, new Dictionary<string, ReportCategory>(), names),
                new ReportRules());
            Assert.Equal(fromRows.WeakIndicators, fromDatabase.WeakIndicators);
            Assert.Equal(fromRows.UniformIndicators, fromDatabase.UniformIndicators);
            Assert.DoesNotContain(fromDatabase.WeakIndicators.Concat(fromDatabase.UniformIndicators), s => s.Code == "qr.veto");
            reports[code] = (fromDatabase, fromRows);
        }

        // (1 + 2.5 + 0.33 + 3 + 1.67 + 0 + 7 + 2.5) / 8 = 2.25; ratios (8.5/3 + 7/7 + 2.5/7) / 8 = 0.5238 (rounded).
        var fraction = Assert.Single(reports[Organization.RootCode].FromDatabase.WeakIndicators, s => s.Code == "qr.fraction");
        Assert.Equal((8, 2.25m, 7m, 0.5238m, 2, 0.25m, 1), (fraction.Branches, fraction.AverageScore, fraction.MaxScore, fraction.AverageRatio, fraction.FullMarks, fraction.FullMarksShare, fraction.Zero));
        Assert.Equal(7, Assert.Single(reports["QR-DW"].FromDatabase.WeakIndicators, s => s.Code == "qr.fraction").Branches);
    }

    [Fact]
    public async Task Each_caller_gets_the_report_of_their_own_subtree()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (_, q3) = await ReportData.SeedAsync(app);
        var leader = await ClientAsync(app, "qr-leader2", Role.Leader, "QR-DW2");
        var secretary = await ClientAsync(app, "qr-secretary", Role.Secretary, "R1");
        var assessor = await ClientAsync(app, "qr-assessor", Role.Assessor, "QR-DW");

        using var second = await WorkbookAsync(await leader.GetAsync($"/api/v1/periods/{q3}/report"));
        using var own = await WorkbookAsync(await secretary.GetAsync($"/api/v1/periods/{q3}/report"));
        using var first = await WorkbookAsync(await assessor.GetAsync($"/api/v1/periods/{q3}/report"));

        Assert.Equal(["农村党支部|3|R6|R6党支部|34|40|0.85|良好|60"], Rows(second, QuarterlyReportWorkbook.RankingSheet));
        Assert.Empty(Rows(second, QuarterlyReportWorkbook.MoversSheet)); // R6 is new this quarter
        Assert.StartsWith("通报测试第二党委", second.Workbook.Worksheets[QuarterlyReportWorkbook.SummarySheet].Cells[1, 1].Text);
        Assert.Equal(["农村党支部|1|R1|R1党支部|40|40|1|优秀|100"], Rows(own, QuarterlyReportWorkbook.RankingSheet));
        Assert.Equal(["R1|R1党支部|农村党支部|30|40|10|3|1|2"], Rows(own, QuarterlyReportWorkbook.MoversSheet));
        Assert.Equal(7, Rows(first, QuarterlyReportWorkbook.RankingSheet).Count);
        Assert.DoesNotContain(Rows(first, QuarterlyReportWorkbook.RankingSheet), r => r.Contains("R6"));
    }

    [Fact]
    public async Task Roles_states_and_unknown_periods_are_answered_as_they_must()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (_, q3) = await ReportData.SeedAsync(app, q3State: PeriodState.Scoring);
        var admin = await ClientAsync(app, "qr-admin2", Role.OrgAdmin, Organization.RootCode);
        var leader = await ClientAsync(app, "qr-leader", Role.Leader, Organization.RootCode);
        var auditor = await ClientAsync(app, "qr-auditor", Role.Auditor, Organization.RootCode);
        var sysAdmin = await ClientAsync(app, "qr-sysadmin", Role.SysAdmin, Organization.RootCode);
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var open = 0;
        await app.WithDbAsync(async db =>
        {
            var period = new Period { Year = 2026, Quarter = 4, OpenedBy = "test" };
            db.Periods.Add(period);
            await db.SaveChangesAsync();
            open = period.Id;
        });

        var preview = await admin.GetAsync($"/api/v1/periods/{q3}/report");
        var notYet = await leader.GetAsync($"/api/v1/periods/{q3}/report");
        var openPeriod = await admin.GetAsync($"/api/v1/periods/{open}/report");

        using (var workbook = await WorkbookAsync(preview))
        {
            Assert.Equal("评分中（未公示，仅供预览）", workbook.Workbook.Worksheets[QuarterlyReportWorkbook.SummarySheet].Cells[5, 2].Text);
        }

        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.Equal("2026年第3季度的考核结果尚未公示，季度通报在公示后提供。", (await notYet.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, openPeriod.StatusCode);
        Assert.Equal("2026年第4季度尚未计分，还没有季度通报。", (await openPeriod.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/periods/424242/report")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/v1/periods/{q3}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sysAdmin.GetAsync($"/api/v1/periods/{q3}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/periods/{q3}/report")).StatusCode);
    }

    [Fact]
    public async Task The_scheduler_stores_the_file_once_the_report_serves_it_while_current_and_remakes_it_when_results_change()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (q2, q3) = await ReportData.SeedAsync(app);
        var admin = await ClientAsync(app, "qr-admin3", Role.OrgAdmin, Organization.RootCode);
        var member = await ClientAsync(app, "qr-member", Role.Leader, "QR-DW");

        var first = await app.WithScopeAsync(sp => sp.GetRequiredService<ReportArchive>().RunAsync(SchedulerSetup.Actor, default));
        var again = await app.WithScopeAsync(sp => sp.GetRequiredService<ReportArchive>().RunAsync(SchedulerSetup.Actor, default));
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppraisalDbContext>().QuarterlyReports.AsNoTracking().SingleAsync(r => r.PeriodId == q3));
        var served = await admin.GetAsync($"/api/v1/periods/{q3}/report");
        var scoped = await member.GetAsync($"/api/v1/periods/{q3}/report");

        Assert.Equal(["2026Q2", "2026Q3"], first.Generated);
        Assert.Empty(again.Generated);
        Assert.Equal("stored", served.Headers.GetValues(ReportApi.SourceHeader).Single());
        Assert.Equal(stored.Content, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("generated", scoped.Headers.GetValues(ReportApi.SourceHeader).Single());

        // An appeal re-scores R5 (simulated): the stored file no longer matches and is made again.
        await app.WithDbAsync(async db =>
        {
            var r5 = await db.BranchResults.Include(r => r.Branch).SingleAsync(r => r.PeriodId == q3 && r.Branch!.Code == "R5");
            r5.Total = 18;
            await db.SaveChangesAsync();
        });
        var changed = await admin.GetAsync($"/api/v1/periods/{q3}/report");
        using (var workbook = await WorkbookAsync(changed))
        {
            Assert.Equal("generated", changed.Headers.GetValues(ReportApi.SourceHeader).Single());
            Assert.Contains("农村党支部|6|R5|R5党支部|18|40|0.45|较差|0", Rows(workbook, QuarterlyReportWorkbook.RankingSheet));
        }

        var remade = await app.WithScopeAsync(sp => sp.GetRequiredService<ReportArchive>().RunAsync(SchedulerSetup.Actor, default));
        Assert.Equal(["2026Q3"], remade.Generated);
        Assert.Equal("stored", (await admin.GetAsync($"/api/v1/periods/{q3}/report")).Headers.GetValues(ReportApi.SourceHeader).Single());
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "reports.generate" && a.Target == "2026Q3"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "reports.generate" && a.Target == "2026Q2"));
            Assert.True(await db.QuarterlyReports.AnyAsync(r => r.PeriodId == q2));
        });
    }

    /// <summary>The organization-wide report's stamp and .xlsx as built at once (<c>BuildAsync</c>, then <c>Write</c>): what the overlapped path must equal.</summary>
    private static Task<(string Stamp, byte[] Content)> BuiltAtOnceAsync(AppFactory app, int periodId) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppraisalDbContext>();
        var period = await db.Periods.AsNoTracking().SingleAsync(p => p.Id == periodId);
        var root = await db.Organizations.AsNoTracking().SingleAsync(o => o.Code == Organization.RootCode);
        var report = await sp.GetRequiredService<QuarterlyReports>().BuildAsync(period, root, default);
        return (QuarterlyReports.Stamp(report), QuarterlyReportWorkbook.Write(report));
    });

    private static void AssertSameCells(byte[] expected, byte[] actual)
    {
        using var want = new ExcelPackage(new MemoryStream(expected));
        using var got = new ExcelPackage(new MemoryStream(actual));
        Assert.Equal(want.Workbook.Worksheets.Select(s => s.Name), got.Workbook.Worksheets.Select(s => s.Name));
        foreach (var sheet in want.Workbook.Worksheets)
        {
            var other = got.Workbook.Worksheets[sheet.Name];
            Assert.Equal(sheet.Dimension?.Address, other.Dimension?.Address);
            if (sheet.Dimension is null)
            {
                continue;
            }

            foreach (var cell in sheet.Cells[sheet.Dimension.Address])
            {
                var (row, column) = (cell.Start.Row, cell.Start.Column);
                Assert.Equal(cell.Value, other.Cells[row, column].Value);
                Assert.Equal(cell.Style.Numberformat.Format, other.Cells[row, column].Style.Numberformat.Format);
                Assert.Equal(cell.Style.Font.Bold, other.Cells[row, column].Style.Font.Bold);
            }
        }
    }

    [Fact]
    public async Task The_scheduler_and_the_api_write_the_organization_wide_file_with_the_stamp_and_cells_of_the_report_built_at_once()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (q2, q3) = await ReportData.SeedAsync(app);
        var admin = await ClientAsync(app, "qr-admin5", Role.OrgAdmin, Organization.RootCode);

        await app.WithScopeAsync(sp => sp.GetRequiredService<ReportArchive>().RunAsync(SchedulerSetup.Actor, default));
        foreach (var period in new[] { q2, q3 })
        {
            var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppraisalDbContext>().QuarterlyReports.AsNoTracking().SingleAsync(r => r.PeriodId == period));
            var (stamp, content) = await BuiltAtOnceAsync(app, period);
            Assert.Equal(stamp, stored.Stamp);
            AssertSameCells(content, stored.Content);
        }

        // The results change: the API no longer finds a current file and writes one itself, the same as built at once.
        await app.WithDbAsync(async db =>
        {
            var r5 = await db.BranchResults.Include(r => r.Branch).SingleAsync(r => r.PeriodId == q3 && r.Branch!.Code == "R5");
            r5.Total = 18;
            await db.SaveChangesAsync();
        });
        var served = await admin.GetAsync($"/api/v1/periods/{q3}/report");
        Assert.Equal("generated", served.Headers.GetValues(ReportApi.SourceHeader).Single());
        AssertSameCells((await BuiltAtOnceAsync(app, q3)).Content, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_report_page_shows_the_scope_with_the_chart_and_the_download_link()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (_, q3) = await ReportData.SeedAsync(app);
        await app.AddUserAsync("qr-page-leader", Role.Leader, "QR-DW");
        var client = await app.SignedInClientAsync("qr-page-leader");

        var list = await client.GetStringAsync("/reports");
        var page = await client.GetStringAsync($"/reports/{q3}");

        Assert.Contains($"href=\"/reports/{q3}\"", list);
        Assert.Contains("通报测试党委2026年第3季度党支部考核通报", page);
        Assert.Contains("id=\"grade-chart\"", page);
        Assert.Contains($"action=\"/reports/{q3}/file\"", page);
        Assert.Contains("R4党支部", page);
        Assert.DoesNotContain("R6党支部", page);
        Assert.Contains("主题党日", page);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/reports/424242")).StatusCode);
    }

    /// <summary>
    /// The report page's 生成并下载Excel (<c>POST /reports/{id}/file</c>) as each role, for own, other and parent
    /// organizations: the job builds the file of the submitter's own subtree, only the submitter can fetch it, roles
    /// without the report are refused, an unpublished period is refused to all but the org-admin, and a post without
    /// the page's antiforgery token is refused.
    /// </summary>
    [Fact]
    public async Task The_report_file_job_is_built_for_the_submitters_subtree_and_served_only_to_them()
    {
        await using var owned = await OwnedApp.StartAsync(provider, jobWorkers: true);
        var app = owned.App;
        var (_, q3) = await ReportData.SeedAsync(app);
        var callers = new (string Login, string Role, string Organization)[]
        {
            ("qf-admin", Role.OrgAdmin, Organization.RootCode),
            ("qf-subadmin", Role.OrgAdmin, "QR-DW2"),
            ("qf-leader", Role.Leader, "QR-DW"),
            ("qf-assessor", Role.Assessor, "QR-DW2"),
            ("qf-secretary", Role.Secretary, "R1"),
            ("qf-auditor", Role.Auditor, Organization.RootCode),
            ("qf-sysadmin", Role.SysAdmin, Organization.RootCode),
        };
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (login, role, organization) in callers)
        {
            await app.AddUserAsync(login, role, organization);
            clients[login] = await app.SignedInClientAsync(login);
        }

        // Own subtree: each caller's file ranks exactly the branches under their organization.
        var expected = new Dictionary<string, string[]>
        {
            ["qf-admin"] = ["R1", "R2", "R3", "R4", "R5", "R6", "U1", "U2"],
            ["qf-subadmin"] = ["R6"],
            ["qf-leader"] = ["R1", "R2", "R3", "R4", "R5", "U1", "U2"],
            ["qf-assessor"] = ["R6"],
            ["qf-secretary"] = ["R1"],
        };
        var jobs = new Dictionary<string, string>();
        foreach (var (login, branches) in expected)
        {
            var jobPage = await PostFileAsync(clients[login], q3);
            Assert.True(HttpStatusCode.Redirect == jobPage.StatusCode, login);
            var job = jobPage.Headers.Location!.OriginalString;
            Assert.StartsWith("/jobs/", job);
            jobs[login] = job;
            using var workbook = new ExcelPackage(new MemoryStream(await FileOfAsync(clients[login], job)));
            var ranked = Rows(workbook, QuarterlyReportWorkbook.RankingSheet).Select(r => r.Split('|')[2]).Order().ToArray();
            Assert.True(branches.SequenceEqual(ranked), $"{login}: {string.Join(",", ranked)}");
        }

        // Other callers' jobs: not theirs, so not found — neither the page nor the file, not even for the root org-admin.
        Assert.Equal(HttpStatusCode.NotFound, (await clients["qf-admin"].GetAsync(jobs["qf-secretary"] + "/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clients["qf-subadmin"].GetAsync(jobs["qf-admin"] + "/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clients["qf-secretary"].GetAsync(jobs["qf-leader"])).StatusCode);

        // Roles without the report, and anyone signed out.
        foreach (var login in new[] { "qf-auditor", "qf-sysadmin" })
        {
            var refused = await clients[login].PostAsync($"/reports/{q3}/file", new FormUrlEncodedContent([]));
            Assert.True(HttpStatusCode.Redirect == refused.StatusCode, login);
            Assert.Equal("/account/denied", refused.Headers.Location!.AbsolutePath);
        }

        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedOut = await anonymous.PostAsync($"/reports/{q3}/file", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/signin", signedOut.Headers.Location!.OriginalString);

        // A post without the page's token (another site's form) is refused and starts nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await clients["qf-leader"].PostAsync($"/reports/{q3}/file", new FormUrlEncodedContent([]))).StatusCode);

        // An unknown period, and a period back in scoring: refused to the leader, a preview for the org-admin.
        Assert.Equal(HttpStatusCode.NotFound, (await PostFileAsync(clients["qf-admin"], 424242, tokenFrom: $"/reports/{q3}")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.Id == q3);
            period.State = PeriodState.Scoring;
            await db.SaveChangesAsync();
        });
        var leaderRefused = await PostFileAsync(clients["qf-leader"], q3, tokenFrom: "/reports");
        Assert.Equal(HttpStatusCode.Conflict, leaderRefused.StatusCode);
        Assert.Contains("尚未公示", await leaderRefused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostFileAsync(clients["qf-admin"], q3)).StatusCode);
    }

    /// <summary>Posts the report page's form, with the antiforgery token of <paramref name="tokenFrom"/> (default: the report page).</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, int periodId, string? tokenFrom = null)
    {
        var page = await client.GetStringAsync(tokenFrom ?? $"/reports/{periodId}");
        return await client.PostAsync($"/reports/{periodId}/file", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(page),
        }));
    }

    /// <summary>Waits for the job to finish and downloads its file.</summary>
    private static async Task<byte[]> FileOfAsync(HttpClient client, string job)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var file = await client.GetAsync(job + "/file");
            if (file.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(TestSupport.XlsxContentType, file.Content.Headers.ContentType?.MediaType);
                return await file.Content.ReadAsByteArrayAsync();
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{job} made no file within 30 s: {await client.GetStringAsync(job)}");
        return [];
    }
}

public sealed class SqliteQuarterlyReportApiTests() : QuarterlyReportApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresQuarterlyReportApiTests() : QuarterlyReportApiTests(DatabaseProvider.PostgreSql);
