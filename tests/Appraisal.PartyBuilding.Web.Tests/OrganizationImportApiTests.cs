using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// <c>GET/POST /api/v1/organizations/import</c> (SPEC, integration contract and "Bad input") through an API token of
/// an org-admin at ROOT, on both databases: template, upsert, idempotent re-import, every bad cell reported, nothing
/// saved on error, audit, and a move re-rooting the branches the file does not list.
/// </summary>
public abstract partial class OrganizationImportApiTests(AppFactory app)
{
    private const string Login = "import-admin";
    /// <summary>The synchronous form (for scripts): the answer is the result. The queued form is in JobApiTests.</summary>
    private const string ImportPath = "/api/v1/organizations/import?wait=true";

    private async Task<HttpClient> AdminAsync()
    {
        var exists = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == Login));
        if (!exists)
        {
            await app.AddUserAsync(Login, Role.OrgAdmin, "ROOT");
        }

        return await app.BearerClientAsync(Login);
    }

    private Task<List<Organization>> StoredAsync(string codePrefix) =>
        app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Organizations.AsNoTracking()
            .Include(o => o.Groups).Include(o => o.Parent)
            .Where(o => o.Code.StartsWith(codePrefix)).OrderBy(o => o.Code).ToListAsync());

    private Task<int> ImportAuditCountAsync() => app.CountAuditAsync("organizations.import");

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [Fact]
    public async Task Template_is_an_xlsx_whose_first_row_is_the_contract_header()
    {
        var client = await AdminAsync();

        var response = await client.GetAsync(ImportPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSupport.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        using var package = new ExcelPackage(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = package.Workbook.Worksheets.First();
        Assert.Equal("组织", sheet.Name);
        var header = Enumerable.Range(1, sheet.Dimension.End.Column).Select(c => sheet.Cells[1, c].Text).ToList();
        Assert.Equal(TestSupport.OrganizationHeader, header);
    }

    [Fact]
    public async Task A_good_file_builds_the_tree_and_a_second_upload_changes_nothing()
    {
        var client = await AdminAsync();
        var file = TestSupport.OrganizationFile(
            ["IM-ZB1", "运行一党支部", "IM-ZZ", "党支部", "one-plus-n/operations", 12, 5, "运行一组；运行二组; 运行三组"],
            ["IM-ZB2", "机关党支部", "IM-DW", "黨支部", "机关管理型", 6, null, null],
            ["IM-ZZ", "运行党总支", "IM-DW", "党总支", null, null, null, null],
            ["IM-DW", "试点党委", "ROOT", "党委", null, null, null, null]);
        var before = await app.CountOrganizationsAsync();

        var first = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        Assert.Equal(new ImportResultDto(4, 4, 0, 0), (await first.JsonAsync()).As<ImportResultDto>());
        Assert.Equal(before + 4, await app.CountOrganizationsAsync());

        var stored = (await StoredAsync("IM-")).ToDictionary(o => o.Code);
        Assert.Equal("/ROOT/IM-DW/", stored["IM-DW"].Path);
        Assert.Equal(OrganizationKind.PartyCommittee, stored["IM-DW"].Kind);
        Assert.Equal("ROOT", stored["IM-DW"].Parent!.Code);
        Assert.Equal("/ROOT/IM-DW/IM-ZZ/", stored["IM-ZZ"].Path);
        Assert.Equal(OrganizationKind.GeneralBranch, stored["IM-ZZ"].Kind);
        Assert.Null(stored["IM-ZZ"].CategoryCode);

        var zb1 = stored["IM-ZB1"];
        Assert.Equal("/ROOT/IM-DW/IM-ZZ/IM-ZB1/", zb1.Path);
        Assert.Equal("IM-ZZ", zb1.Parent!.Code);
        Assert.Equal(OrganizationKind.Branch, zb1.Kind);
        Assert.Equal("one-plus-n/operations", zb1.CategoryCode);
        Assert.Equal((12, 5), (zb1.MemberCount, zb1.CommitteeSize));
        Assert.Equal(["运行一组", "运行三组", "运行二组"], zb1.Groups.Select(g => g.Name).Order(StringComparer.Ordinal));

        var zb2 = stored["IM-ZB2"];
        Assert.Equal("/ROOT/IM-DW/IM-ZB2/", zb2.Path);
        Assert.Equal("IM-DW", zb2.Parent!.Code);
        Assert.Equal(OrganizationKind.Branch, zb2.Kind);
        Assert.Equal("one-plus-n/management", zb2.CategoryCode);
        Assert.Equal((6, 0), (zb2.MemberCount, zb2.CommitteeSize));
        Assert.Empty(zb2.Groups);

        var api = (await (await client.GetAsync("/api/v1/organizations/IM-ZB1")).JsonAsync()).As<OrganizationResultDto>()!;
        Assert.Equal("IM-ZZ", api.ParentCode);
        Assert.Equal("one-plus-n/operations", api.CategoryCode);
        Assert.Equal(3, api.Groups.Count);

        var second = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(new ImportResultDto(4, 0, 0, 4), (await second.JsonAsync()).As<ImportResultDto>());
        Assert.Equal(before + 4, await app.CountOrganizationsAsync());
        var again = await StoredAsync("IM-");
        Assert.Equal(4, again.Count);
        Assert.Equal(3, again.Single(o => o.Code == "IM-ZB1").Groups.Count);
        Assert.Equal(stored.Values.Select(o => (o.Code, o.Path)).OrderBy(p => p.Code), again.Select(o => (o.Code, o.Path)).OrderBy(p => p.Code));
    }

    [Fact]
    public async Task Every_tree_error_is_reported_on_its_row_and_column_and_nothing_is_saved()
    {
        var client = await AdminAsync();
        var file = TestSupport.OrganizationFile(
            ["BT-DW", "党委", "ROOT", "党委"],
            ["BT-ZB1", "一支部", "BT-NOPE", "党支部", "one-plus-n/operations", 8, 3, null],
            ["BT-ZB2", "二支部", "BT-DW", "党支部", "不存在的类别", 8, 3, null],
            ["BT-ZB3", "三支部", "BT-DW", "党支部", "one-plus-n/operations", 8, 9, null],
            ["BT-ZB1", "重复支部", "BT-DW", "党支部", "one-plus-n/operations", 8, 3, null]);
        var before = await app.CountOrganizationsAsync();
        var audits = await ImportAuditCountAsync();

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var errors = await response.ImportErrorsAsync();
        Assert.True(
            new[] { (3, "C"), (4, "E"), (5, "G"), (6, "A") }.SequenceEqual(errors.Select(e => (e.Row, e.Column))),
            "errors:\n" + errors.Describe());
        Assert.All(errors, e => Assert.Matches(Chinese(), e.Message));
        Assert.Contains("BT-NOPE", errors[0].Message);
        Assert.Contains("不存在的类别", errors[1].Message);
        Assert.Contains("支委人数", errors[2].Message);
        Assert.Contains("第3行", errors[3].Message);

        Assert.Equal(before, await app.CountOrganizationsAsync());
        Assert.Empty(await StoredAsync("BT-"));
        Assert.Equal(audits, await ImportAuditCountAsync());
    }

    [Fact]
    public async Task A_bad_cell_does_not_hide_the_other_rows_errors()
    {
        // SPEC: 400 "listing every bad row"; the brief: one error per bad cell. A cell error (negative count) on one
        // row must not stop the tree checks of the other rows.
        var client = await AdminAsync();
        var file = TestSupport.OrganizationFile(
            ["BC-DW", "党委", "ROOT", "党委"],
            ["BC-ZB1", "一支部", "BC-NOPE", "党支部", "one-plus-n/operations", 8, 3, null],
            ["BC-ZB2", "二支部", "BC-DW", "党支部", "不存在的类别", 8, 3, null],
            ["BC-ZB3", "三支部", "BC-DW", "党支部", "one-plus-n/operations", -3, 0, null],
            ["BC-ZB4", "四支部", "BC-DW", "党支部", "one-plus-n/operations", 8, 9, null],
            ["BC-ZB1", "重复支部", "BC-DW", "党支部", "one-plus-n/operations", 8, 3, null]);
        var before = await app.CountOrganizationsAsync();

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.ImportErrorsAsync();
        Assert.True(
            new[] { (3, "C"), (4, "E"), (5, "F"), (6, "G"), (7, "A") }.SequenceEqual(errors.Select(e => (e.Row, e.Column))),
            "errors:\n" + errors.Describe());
        Assert.All(errors, e => Assert.Matches(Chinese(), e.Message));
        Assert.Contains("负数", errors.Single(e => e.Column == "F").Message);
        Assert.Equal(before, await app.CountOrganizationsAsync());
    }

    [Fact]
    public async Task A_child_of_a_row_with_a_bad_cell_gets_a_400_not_a_server_error()
    {
        // Row 2 (a 党委 with 党员人数 filled in) fails the cell checks; row 3 is fine but stands under it. The answer must be
        // the 400 listing row 2's bad cell, and nothing saved.
        var client = await AdminAsync();
        var file = TestSupport.OrganizationFile(
            ["RJ-DW", "党委", "ROOT", "党委", null, 5, null, null],
            ["RJ-ZB", "支部", "RJ-DW", "党支部", "community/rural", 5, 0, null]);
        var before = await app.CountOrganizationsAsync();

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var error = Assert.Single(await response.ImportErrorsAsync());
        Assert.Equal((2, "F"), (error.Row, error.Column));
        Assert.Contains("党员人数", error.Message);
        Assert.Equal(before, await app.CountOrganizationsAsync());
    }

    [Fact]
    public async Task A_text_file_named_xlsx_is_400_with_a_message()
    {
        var client = await AdminAsync();
        var before = await app.CountOrganizationsAsync();

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(Encoding.UTF8.GetBytes("组织编码,组织名称\nX1,某党委\n"), "organizations.xlsx"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(await response.ImportErrorsAsync());
        Assert.Equal((0, ""), (error.Row, error.Column));
        Assert.Contains("xlsx", error.Message);
        Assert.Matches(Chinese(), error.Message);
        Assert.Equal(before, await app.CountOrganizationsAsync());
    }

    [Fact]
    public async Task A_request_without_the_file_field_is_400_with_a_message()
    {
        var client = await AdminAsync();
        var file = TestSupport.OrganizationFile(["NF-DW", "党委", "ROOT", "党委"]);

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file, field: "upload"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(await response.ImportErrorsAsync());
        Assert.Contains("file", error.Message);
        Assert.Matches(Chinese(), error.Message);
        Assert.Empty(await StoredAsync("NF-"));
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_and_nothing_is_saved()
    {
        var client = await AdminAsync();
        var before = await app.CountOrganizationsAsync();
        var audits = await ImportAuditCountAsync();
        var bytes = new byte[7 * 1024 * 1024];
        new Random(42).NextBytes(bytes);
        "PK\u0003\u0004"u8.CopyTo(bytes);

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(bytes));

        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"status {response.StatusCode}");
        Assert.Equal(before, await app.CountOrganizationsAsync());
        Assert.Equal(audits, await ImportAuditCountAsync());
    }

    [Fact]
    public async Task A_successful_import_is_audited_with_the_token_login_and_a_failed_one_is_not()
    {
        var client = await AdminAsync();
        var beforeFailure = await ImportAuditCountAsync();
        var failed = await client.PostAsync(ImportPath, TestSupport.Upload(TestSupport.OrganizationFile(["AU-ZB", "支部", "AU-NOPE", "党支部", "community/rural", 3, 0, null])));
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var afterFailure = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == "organizations.import").ToListAsync());

        var ok = await client.PostAsync(ImportPath, TestSupport.Upload(TestSupport.OrganizationFile(["AU-DW", "审计党委", "ROOT", "党委"])));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var entries = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == "organizations.import").ToListAsync());
        var added = Assert.Single(entries, e => afterFailure.All(f => f.Id != e.Id));
        Assert.Equal(Login, added.Actor);
        Assert.Equal(app.Clock.GetUtcNow(), added.At);
        Assert.Equal(beforeFailure, afterFailure.Count);
        Assert.Equal("ROOT", added.Target);
        Assert.Equal(afterFailure.Count + 1, entries.Count);
    }

    [Fact]
    public async Task Moving_a_general_branch_rewrites_the_paths_of_branches_the_file_does_not_list()
    {
        var client = await AdminAsync();
        var setup = await client.PostAsync(ImportPath, TestSupport.Upload(TestSupport.OrganizationFile(
            ["MV-DW1", "一党委", "ROOT", "党委"],
            ["MV-DW2", "二党委", "ROOT", "党委"],
            ["MV-ZZ", "党总支", "MV-DW1", "党总支"],
            ["MV-ZB1", "一支部", "MV-ZZ", "党支部", "community/rural", 9, 3, "甲组;乙组"],
            ["MV-ZB2", "二支部", "MV-ZZ", "党支部", "community/rural", 4, 0, null])));
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        await app.AddUserAsync("mv-secretary", Role.Secretary, "MV-ZB1");
        await app.AddUserAsync("mv-admin-2", Role.OrgAdmin, "MV-DW2");
        await app.AddUserAsync("mv-admin-1", Role.OrgAdmin, "MV-DW1");

        var move = await client.PostAsync(ImportPath, TestSupport.Upload(TestSupport.OrganizationFile(["MV-ZZ", "党总支", "MV-DW2", "党总支"])));

        Assert.True(move.StatusCode == HttpStatusCode.OK, await move.Content.ReadAsStringAsync());
        Assert.Equal(new ImportResultDto(1, 0, 1, 0), (await move.JsonAsync()).As<ImportResultDto>());
        var stored = (await StoredAsync("MV-")).ToDictionary(o => o.Code);
        Assert.Equal("/ROOT/MV-DW2/MV-ZZ/", stored["MV-ZZ"].Path);
        Assert.Equal("MV-DW2", stored["MV-ZZ"].Parent!.Code);
        Assert.Equal("/ROOT/MV-DW2/MV-ZZ/MV-ZB1/", stored["MV-ZB1"].Path);
        Assert.Equal("/ROOT/MV-DW2/MV-ZZ/MV-ZB2/", stored["MV-ZB2"].Path);
        Assert.Equal("MV-ZZ", stored["MV-ZB1"].Parent!.Code);
        Assert.Equal(["乙组", "甲组"], stored["MV-ZB1"].Groups.Select(g => g.Name).Order(StringComparer.Ordinal));

        // The scopes follow the new paths.
        var admin2 = (await (await (await app.BearerClientAsync("mv-admin-2")).GetAsync("/api/v1/organizations")).JsonAsync()).As<List<OrganizationResultDto>>()!;
        Assert.Equal(["MV-DW2", "MV-ZZ", "MV-ZB1", "MV-ZB2"], admin2.Select(o => o.Code));
        var admin1 = (await (await (await app.BearerClientAsync("mv-admin-1")).GetAsync("/api/v1/organizations")).JsonAsync()).As<List<OrganizationResultDto>>()!;
        Assert.Equal(["MV-DW1"], admin1.Select(o => o.Code));
        var secretary = (await (await (await app.BearerClientAsync("mv-secretary")).GetAsync("/api/v1/organizations")).JsonAsync()).As<List<OrganizationResultDto>>()!;
        Assert.Equal("MV-ZB1", Assert.Single(secretary).Code);
    }
}

public sealed class SqliteOrganizationImportApiTests(SqliteApp app) : OrganizationImportApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresOrganizationImportApiTests(PostgresApp app) : OrganizationImportApiTests(app), IClassFixture<PostgresApp>;
