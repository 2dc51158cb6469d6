using System.Net;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// <c>GET/POST /api/v1/evidence/{kpis|events|ratings}/import</c> on both databases: the template, a good file, a
/// re-import that changes nothing, and the bad files of SPEC "Bad input" (wrong header, empty, not .xlsx, bad cells)
/// reported by Excel row and column letter with nothing saved.
/// </summary>
public abstract class EvidenceImportApiTests(AppFactory app)
{
    public static readonly string[] KpiHeader = ["支部编码", "年度", "季度", "指标值编码", "数值"];
    public static readonly string[] EventHeader = ["支部编码", "日期", "事项类型编码", "说明"];
    public static readonly string[] RatingHeader = ["支部编码", "年度", "季度", "评价问题编码", "评价组", "分数", "评价人标识"];

    private async Task<(HttpClient Client, string Prefix)> SetUpAsync()
    {
        var prefix = $"I{Guid.NewGuid():N}"[..9].ToUpperInvariant();
        await app.AddOrganizationAsync($"{prefix}-DW", "导入党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync($"{prefix}-OP", "运行党支部", $"{prefix}-DW", OrganizationKind.Branch, "one-plus-n/operations", 12, 3);
        await app.AddUserAsync($"{prefix}-oa", Role.OrgAdmin, $"{prefix}-DW");
        return (await app.BearerClientAsync($"{prefix}-oa"), prefix);
    }

    private Task<int> KpiCountAsync(string prefix) =>
        app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().KpiValues.CountAsync(k => k.Branch!.Code.StartsWith(prefix)));

    [Theory]
    [InlineData("kpis", "指标值")]
    [InlineData("events", "事项")]
    [InlineData("ratings", "评价")]
    public async Task Each_template_has_the_header_and_lists_the_codes(string kind, string sheetName)
    {
        var (client, _) = await SetUpAsync();

        var response = await client.GetAsync($"/api/v1/evidence/{kind}/import");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSupport.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        using var package = new ExcelPackage(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = package.Workbook.Worksheets.First();
        Assert.Equal(sheetName, sheet.Name);
        var header = Enumerable.Range(1, sheet.Dimension.End.Column).Select(c => sheet.Cells[1, c].Text).ToList();
        Assert.Equal(kind switch { "kpis" => KpiHeader, "events" => EventHeader, _ => RatingHeader }, header);
        var help = package.Workbook.Worksheets["填写说明"];
        var lines = Enumerable.Range(1, help.Dimension.End.Row).Select(r => help.Cells[r, 1].Text).ToList();
        var (code, role) = kind switch
        {
            "kpis" => ("safe-production-days：", "安全生产天数（生产运行型）"),
            "events" => ("late-dues：", "扣分：按时足额交纳党费（农村党支部、城市社区党支部、机关管理型、生产运行型、营销服务型、业务辅助型）"),
            _ => ("operations-leader-evaluation：", "上级领导评价（生产运行型）"),
        };
        Assert.True(lines.Any(l => l.StartsWith(code, StringComparison.Ordinal) && l.Contains(role, StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [Fact]
    public async Task A_good_kpi_file_is_imported_and_importing_it_again_changes_nothing()
    {
        var (client, p) = await SetUpAsync();
        var file = Workbook(KpiHeader,
            [$"{p}-OP", 2026, 3, "safe-production-days", 88],
            [$"{p}-OP", "2026", "3", "equipment-availability-rate", "97.25"]);
        var audits = await app.CountAuditAsync("evidence.kpis");

        var first = await client.PostAsync("/api/v1/evidence/kpis/import", TestSupport.Upload(file, "指标值.xlsx"));
        var again = await client.PostAsync("/api/v1/evidence/kpis/import", TestSupport.Upload(file, "指标值.xlsx"));

        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var saved = await first.JsonAsync();
        Assert.Equal((2, 2), (saved.GetProperty("imported").GetInt32(), saved.GetProperty("inserted").GetInt32()));
        var repeated = await again.JsonAsync();
        Assert.Equal((0, 2), (repeated.GetProperty("inserted").GetInt32(), repeated.GetProperty("skipped").GetInt32()));
        Assert.Equal([2, 3], repeated.GetProperty("skippedRows").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal(2, await KpiCountAsync(p));
        Assert.Equal(audits + 1, await app.CountAuditAsync("evidence.kpis"));
        await app.WithDbAsync(async db => Assert.All(
            await db.KpiValues.Where(k => k.Branch!.Code.StartsWith(p)).ToListAsync(),
            k => Assert.Equal(Core.AssessmentEvidence.EvidenceSource.Import, k.Source)));
    }

    [Fact]
    public async Task Events_with_date_cells_and_ratings_with_Chinese_group_names_are_imported()
    {
        var (client, p) = await SetUpAsync();
        var events = Workbook(EventHeader,
            [$"{p}-OP", new DateTime(2026, 8, 3), "late-dues", "党费迟交"],
            [$"{p}-OP", "2026-09-10", "performance-honor", null]);
        var ratings = Workbook(RatingHeader,
            [$"{p}-OP", 2026, 3, "operations-leader-evaluation", "领导", 90, "A-001"],
            [$"{p}-OP", 2026, 3, "operations-leader-evaluation", "同级", 75.5, null]);

        var eventResponse = await client.PostAsync("/api/v1/evidence/events/import", TestSupport.Upload(events));
        var ratingResponse = await client.PostAsync("/api/v1/evidence/ratings/import", TestSupport.Upload(ratings));

        Assert.True(eventResponse.StatusCode == HttpStatusCode.OK, await eventResponse.Content.ReadAsStringAsync());
        Assert.True(ratingResponse.StatusCode == HttpStatusCode.OK, await ratingResponse.Content.ReadAsStringAsync());
        await app.WithDbAsync(async db =>
        {
            var stored = await db.EvidenceEvents.Where(e => e.Branch!.Code.StartsWith(p)).OrderBy(e => e.Date).ToListAsync();
            Assert.Equal([new DateOnly(2026, 8, 3), new DateOnly(2026, 9, 10)], stored.Select(e => e.Date));
            Assert.Equal("党费迟交", stored[0].Description);
            var answers = await db.RatingAnswers.Where(r => r.Branch!.Code.StartsWith(p)).OrderBy(r => r.Score).ToListAsync();
            Assert.Equal([(Contracts.RaterGroup.Peer, 75.5m, (string?)null), (Contracts.RaterGroup.Leader, 90m, "A-001")], answers.Select(a => (a.RaterGroup, a.Score, a.RaterReference)));
        });
    }

    [Fact]
    public async Task Every_bad_cell_is_reported_by_row_and_column_and_nothing_is_saved()
    {
        var (client, p) = await SetUpAsync();
        var file = Workbook(KpiHeader,
            [$"{p}-OP", 2026, 3, "safe-production-days", 88],
            ["NO-SUCH", 2026, 3, "safe-production-days", 88],
            [$"{p}-OP", 2026, 9, "no-such-kpi", "九十"],
            [$"{p}-OP", 2026, 3, "safe-production-days", 70],
            [$"{p}-OP", null, 3, "equipment-availability-rate", -1]);
        using (var package = new ExcelPackage(new MemoryStream(file)))
        {
            package.Workbook.Worksheets.First().Cells["E7"].Formula = "1+1";
            package.Workbook.Worksheets.First().Cells["A7"].Value = $"{p}-OP";
            package.Workbook.Worksheets.First().Cells["B7"].Value = 2026;
            package.Workbook.Worksheets.First().Cells["C7"].Value = 3;
            package.Workbook.Worksheets.First().Cells["D7"].Value = "average-outage-minutes";
            file = package.GetAsByteArray();
        }

        var response = await client.PostAsync("/api/v1/evidence/kpis/import", TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.ImportErrorsAsync();
        Assert.True(
            new[] { (3, "A"), (4, "C"), (4, "E"), (5, ""), (6, "B"), (7, "E") }.SequenceEqual(errors.Select(e => (e.Row, e.Column))),
            errors.Describe());
        Assert.Equal("支部“NO-SUCH”不存在", errors[0].Message);
        Assert.Equal("“季度”应为1至4，实际为“9”", errors[1].Message);
        Assert.Equal("“数值”应为数字，实际为“九十”", errors[2].Message);
        Assert.Contains("与第2行重复", errors[3].Message);
        Assert.Equal("“年度”不能为空", errors[4].Message);
        Assert.Contains("公式", errors[5].Message);
        Assert.Equal(0, await KpiCountAsync(p));
    }

    [Fact]
    public async Task An_unknown_code_in_a_well_formed_row_names_the_column()
    {
        var (client, p) = await SetUpAsync();
        var file = Workbook(EventHeader, [$"{p}-OP", "2026-08-03", "no-such-event", "说明"]);

        var response = await client.PostAsync("/api/v1/evidence/events/import", TestSupport.Upload(file));

        var error = Assert.Single(await response.ImportErrorsAsync());
        Assert.Equal((2, "C"), (error.Row, error.Column));
        Assert.Contains("不使用事项类型“no-such-event”", error.Message);
    }

    [Fact]
    public async Task A_wrong_header_an_empty_file_and_a_file_that_is_not_xlsx_are_refused()
    {
        var (client, p) = await SetUpAsync();
        var wrongHeader = Workbook(["支部编码", "年份", "季度", "指标值编码", "数值"], [$"{p}-OP", 2026, 3, "safe-production-days", 88]);

        var header = await client.PostAsync("/api/v1/evidence/kpis/import", TestSupport.Upload(wrongHeader));
        var empty = await client.PostAsync("/api/v1/evidence/kpis/import", TestSupport.Upload([]));
        var text = await client.PostAsync("/api/v1/evidence/kpis/import", TestSupport.Upload("支部编码,年度\nZB,2026"u8.ToArray(), "kpis.xlsx"));
        var noRows = await client.PostAsync("/api/v1/evidence/kpis/import", TestSupport.Upload(Workbook(KpiHeader)));
        var noFile = await client.PostAsync("/api/v1/evidence/kpis/import", TestSupport.Upload(Workbook(KpiHeader), field: "document"));

        var headerError = Assert.Single(await header.ImportErrorsAsync());
        Assert.Equal((1, "B"), (headerError.Row, headerError.Column));
        Assert.Equal("B列表头应为“年度”，实际为“年份”", headerError.Message);
        Assert.Equal("文件为空", Assert.Single(await empty.ImportErrorsAsync()).Message);
        Assert.Contains("不是Excel", Assert.Single(await text.ImportErrorsAsync()).Message);
        Assert.Contains("没有数据行", Assert.Single(await noRows.ImportErrorsAsync()).Message);
        Assert.Contains("请上传 .xlsx 文件", Assert.Single(await noFile.ImportErrorsAsync()).Message);
        Assert.All([header, empty, text, noRows, noFile], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(0, await KpiCountAsync(p));
    }

    /// <summary>A workbook whose first sheet has <paramref name="header"/> in row 1 and <paramref name="rows"/> from row 2.</summary>
    public static byte[] Workbook(IReadOnlyList<string> header, params object?[][] rows)
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("数据");
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cells[1, c + 1].Value = header[c];
        }

        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cells[r + 2, c + 1].Value = rows[r][c];
                if (rows[r][c] is DateTime)
                {
                    sheet.Cells[r + 2, c + 1].Style.Numberformat.Format = "yyyy-mm-dd";
                }
            }
        }

        return package.GetAsByteArray();
    }
}

public sealed class SqliteEvidenceImportApiTests(SqliteApp app) : EvidenceImportApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresEvidenceImportApiTests(PostgresApp app) : EvidenceImportApiTests(app), IClassFixture<PostgresApp>;
