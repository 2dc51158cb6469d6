using System.IO.Compression;
using System.Text;
using Appraisal.PartyBuilding.Excel.Organizations;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Excel.Tests;

/// <summary>Builds real .xlsx files (with EPPlus) and raw byte files for the tests.</summary>
internal static class TestFiles
{
    public static MemoryStream Xlsx(Action<ExcelWorksheet> fill, string sheetName = "组织")
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add(sheetName);
        fill(sheet);
        return new MemoryStream(package.GetAsByteArray());
    }

    /// <summary>An organization file: the exact header, then <paramref name="rows"/> from row 2 (null = empty cell).</summary>
    public static MemoryStream Organizations(params object?[][] rows) => WithHeader(OrganizationSheet.Headers, rows);

    public static MemoryStream WithHeader(IReadOnlyList<string> header, params object?[][] rows) => Xlsx(sheet =>
    {
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
    });

    public static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(data);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Replaces (or adds) entries of a zip package.</summary>
    public static byte[] ReplaceEntries(byte[] package, params (string Name, byte[] Data)[] replacements)
    {
        using var buffer = new MemoryStream();
        buffer.Write(package);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, data) in replacements)
            {
                zip.GetEntry(name)?.Delete();
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(data);
            }
        }

        return buffer.ToArray();
    }

    public const string ContentTypesXlsx =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>""";
}
