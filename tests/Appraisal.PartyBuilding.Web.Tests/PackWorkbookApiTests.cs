using System.Net;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Excel.Packs;
using Microsoft.AspNetCore.Mvc.Testing;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// <c>GET /api/v1/packs/workbook-template</c> and <c>POST /api/v1/packs/workbook/validate</c>: the 组织部 only, the
/// template a real workbook, a valid pack summarised, a bad one answered 400 with every error's row and column.
/// </summary>
public sealed class PackWorkbookApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string TemplatePath = "/api/v1/packs/workbook-template";
    private const string ValidatePath = "/api/v1/packs/workbook/validate";

    private static int users;

    private async Task<HttpClient> ClientAsync(string role)
    {
        var login = $"pw-{role}-{Interlocked.Increment(ref users)}";
        await app.AddUserAsync(login, role, "ROOT");
        return await app.BearerClientAsync(login);
    }

    [Fact]
    public async Task Org_admin_downloads_the_template_as_a_real_workbook()
    {
        var client = await ClientAsync(Role.OrgAdmin);

        var response = await client.GetAsync(TemplatePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSupport.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var package = new ExcelPackage(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["指标包", "类别", "指标", "等级", "说明", "Lists"], package.Workbook.Worksheets.Select(s => s.Name));
        Assert.Equal("计分方式", package.Workbook.Worksheets["指标"].Cells["H1"].Text);
    }

    [Theory]
    [InlineData(Role.Secretary)]
    [InlineData(Role.Assessor)]
    [InlineData(Role.Leader)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.SysAdmin)]
    public async Task Other_roles_get_403_on_both_endpoints(string role)
    {
        var client = await ClientAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(TemplatePath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(ValidatePath, TestSupport.Upload(PackWorkbook.Write(Manifest("1.0.0")), "pack.xlsx"))).StatusCode);
    }

    [Fact]
    public async Task Anonymous_gets_401_on_both_endpoints()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(TemplatePath)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(ValidatePath, TestSupport.Upload(PackWorkbook.Write(Manifest("1.0.0")), "pack.xlsx"))).StatusCode);
    }

    [Fact]
    public async Task Valid_workbook_is_summarised_with_its_categories_and_totals()
    {
        var client = await ClientAsync(Role.OrgAdmin);

        var response = await client.PostAsync(ValidatePath, TestSupport.Upload(PackWorkbook.Write(Manifest("1.1.0")), "pack.xlsx"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.JsonAsync();
        Assert.Equal("town-offices", summary.GetProperty("id").GetString());
        Assert.Equal("1.1.0", summary.GetProperty("version").GetString());
        Assert.Equal("镇属科室考核", summary.GetProperty("name").GetString());
        var category = Assert.Single(summary.GetProperty("categories").EnumerateArray());
        Assert.Equal("town-offices/department", category.GetProperty("code").GetString());
        Assert.Equal(60m, category.GetProperty("total").GetDecimal());
        Assert.Equal(
            ["shyk 40 5", "service 20 2"],
            category.GetProperty("dimensions").EnumerateArray().Select(d => $"{d.GetProperty("code").GetString()} {d.GetProperty("maxPoints").GetDecimal():0.##} {d.GetProperty("indicators").GetInt32()}"));
        Assert.Equal(5, category.GetProperty("grades").GetArrayLength());
    }

    [Fact]
    public async Task Bad_workbook_is_400_with_every_error_by_row_and_column()
    {
        var client = await ClientAsync(Role.OrgAdmin);
        var bytes = PackWorkbook.Write(Manifest("1.0"));
        using (var package = new ExcelPackage(new MemoryStream(bytes)))
        {
            package.Workbook.Worksheets["指标"].Cells["G3"].Value = 15; // 服务群众 now adds up to 25, declared 20
            bytes = package.GetAsByteArray();
        }

        var response = await client.PostAsync(ValidatePath, TestSupport.Upload(bytes, "pack.xlsx"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var errors = await response.ImportErrorsAsync();
        Assert.Equal(
            [
                new ImportErrorDto(2, "B", "工作表“指标包”：“版本”“1.0”不是有效的语义化版本号（SemVer，如 1.0.0、1.2.0-beta.1）"),
                new ImportErrorDto(3, "D", "工作表“指标”：维度“service”的“维度满分”为20，但其2行指标的满分之和为25"),
            ],
            errors);
    }

    [Fact]
    public async Task Missing_file_or_a_file_that_is_not_xlsx_is_400()
    {
        var client = await ClientAsync(Role.OrgAdmin);

        var missing = await client.PostAsync(ValidatePath, TestSupport.Upload(PackWorkbook.Write(Manifest("1.0.0")), "pack.xlsx", field: "upload"));
        var garbage = await client.PostAsync(ValidatePath, TestSupport.Upload("这不是Excel"u8.ToArray(), "pack.xlsx"));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("请上传 .xlsx 文件（表单字段 file）。", Assert.Single(await missing.ImportErrorsAsync()).Message);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(new ImportErrorDto(0, "", "文件不是Excel（.xlsx）文件，请上传用模板填写的.xlsx文件"), Assert.Single(await garbage.ImportErrorsAsync()));
    }

    private static PackManifest Manifest(string version) => new(
        "town-offices",
        version,
        "镇属科室考核",
        [
            new BranchCategory("town-offices/department", "镇属科室",
            [
                StandardSections.ThreeMeetingsOneLesson(),
                new Dimension("service", "服务群众",
                [
                    new Indicator("service.on-time", "办件按时办结率（%）", 10, new KpiTargetRule("on-time-rate", 90, 100, KpiDirection.HigherIsBetter)),
                    new Indicator("service.study", "业务学习", 10, new ManualRule("查看学习记录。")),
                ]),
            ], StandardSections.FiveStars),
        ]);
}
