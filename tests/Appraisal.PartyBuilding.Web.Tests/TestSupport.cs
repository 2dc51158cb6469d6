using System.Net.Http.Headers;
using System.Text.Json;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Real .xlsx files (built with EPPlus), uploads and JSON answers for the web tests.</summary>
internal static class TestSupport
{
    /// <summary>The header row of the organization import (SPEC, integration contract).</summary>
    public static IReadOnlyList<string> OrganizationHeader { get; } = ["组织编码", "组织名称", "上级组织编码", "组织类型", "支部类别", "党员人数", "支委人数", "党小组"];

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string ProblemJson = "application/problem+json";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>An organization import file: the exact header, then <paramref name="rows"/> from row 2 (null = empty cell).</summary>
    public static byte[] OrganizationFile(params object?[][] rows)
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("组织");
        for (var c = 0; c < OrganizationHeader.Count; c++)
        {
            sheet.Cells[1, c + 1].Value = OrganizationHeader[c];
        }

        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cells[r + 2, c + 1].Value = rows[r][c];
            }
        }

        return package.GetAsByteArray();
    }

    /// <summary>A multipart body with <paramref name="bytes"/> in the field <paramref name="field"/>.</summary>
    public static MultipartFormDataContent Upload(byte[] bytes, string fileName = "organizations.xlsx", string field = "file")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(XlsxContentType);
        content.Add(file, field, fileName);
        return content;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static T? As<T>(this JsonElement element) => element.Deserialize<T>(Web);

    public static async Task<IReadOnlyList<ImportErrorDto>> ImportErrorsAsync(this HttpResponseMessage response)
    {
        var json = await response.JsonAsync();
        return json.GetProperty("errors").As<List<ImportErrorDto>>()!;
    }

    public static Task<int> CountOrganizationsAsync(this AppFactory app) =>
        app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Organizations.CountAsync());

    public static Task<int> CountAuditAsync(this AppFactory app, string action) =>
        app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().AuditEntries.CountAsync(a => a.Action == action));

    public static string Describe(this IEnumerable<ImportErrorDto> errors) =>
        string.Join("\n", errors.Select(e => $"  row {e.Row} col '{e.Column}': {e.Message}"));
}

public sealed record ImportErrorDto(int Row, string Column, string Message);

public sealed record ImportResultDto(int Imported, int Inserted, int Updated, int Unchanged);

public sealed record OrganizationResultDto(string Code, string Name, string? ParentCode, string Kind, string? CategoryCode, int MemberCount, int CommitteeSize, List<string> Groups);
