using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Record import files, small real images and PDFs, and counts for the record tests.</summary>
internal static partial class RecordTestSupport
{
    /// <summary>The header row of the record import (SPEC, integration contract).</summary>
    public static IReadOnlyList<string> Header { get; } = ["支部编码", "会议类型", "日期", "应到人数", "实到人数", "主题", "党小组"];

    /// <summary>A record import file: <paramref name="header"/> (the contract's by default), then <paramref name="rows"/> from row 2 (null = empty cell).</summary>
    public static byte[] RecordFile(IReadOnlyList<string>? header, params object?[][] rows)
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("会议记录");
        header ??= Header;
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cells[1, c + 1].Value = header[c];
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

    public static byte[] RecordFile(params object?[][] rows) => RecordFile(null, rows);

    /// <summary>A 1×1 PNG (a real one: signature, IHDR, IDAT, IEND).</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>The start of a JPEG (SOI + APP0 JFIF) followed by filler: detected by content as a JPEG.</summary>
    public static byte[] Jpeg(int size = 2048)
    {
        var bytes = new byte[size];
        byte[] head = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00];
        head.CopyTo(bytes, 0);
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }

    /// <summary>A minimal PDF.</summary>
    public static byte[] Pdf(string body = "") => System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + body + "\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>The EICAR anti-virus test string, assembled so that the source file itself does not hold it.</summary>
    public static string Eicar => string.Concat(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    public static MultipartFormDataContent Files(params (byte[] Bytes, string Name, string ContentType)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (bytes, name, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "files", name);
        }

        return content;
    }

    public static Task<int> CountRecordsAsync(this AppFactory app) =>
        app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().MeetingRecords.CountAsync());

    public static Task<int> CountEventsAsync(this AppFactory app) =>
        app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().MeetingRecordEvents.CountAsync());

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    public static partial Regex Chinese();
}
