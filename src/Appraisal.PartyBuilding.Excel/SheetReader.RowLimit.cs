using System.IO.Compression;
using System.Xml;

namespace Appraisal.PartyBuilding.Excel;

public static partial class SheetReader
{
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>The message for a file with more data rows than <see cref="SheetReaderOptions.MaxDataRows"/>.</summary>
    internal static string TooManyRows(int maxDataRows) => $"数据行数超过上限{maxDataRows}行，请分批导入";

    /// <summary>
    /// Counts the first sheet's rows holding a value by streaming its XML, before EPPlus loads the workbook: a file
    /// over the row limit is refused without building the whole sheet in memory. Rows of the header and rows with
    /// only styled, empty cells do not count; the exact count (data rows with text in the expected columns) is still
    /// taken while the sheet is read.
    /// </summary>
    private static string? CheckRowCount(byte[] bytes, int maxDataRows)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read, leaveOpen: false);
            return CheckRowCount(zip, maxDataRows);
        }
        catch (XmlException)
        {
            return "文件已损坏，无法读取，请用Excel重新保存为.xlsx后再上传";
        }
    }

    private static string? CheckRowCount(ZipArchive zip, int maxDataRows)
    {
        var path = FirstSheetPath(zip);
        var entry = path is null ? null : zip.GetEntry(path);
        if (entry is null)
        {
            return null; // EPPlus reports a workbook without sheets in its own words.
        }

        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
        var rowsWithValues = 0;
        var rowHasValue = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "row")
            {
                rowHasValue = false;
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName is "v" or "is")
            {
                rowHasValue = true;
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "row" && rowHasValue)
            {
                // The first row with values is the header.
                if (++rowsWithValues - 1 > maxDataRows)
                {
                    return TooManyRows(maxDataRows);
                }
            }
        }

        return null;
    }

    /// <summary>The zip path of the workbook's first sheet (the one EPPlus's <c>Worksheets.First()</c> reads), or null.</summary>
    private static string? FirstSheetPath(ZipArchive zip)
    {
        var workbook = zip.GetEntry("xl/workbook.xml");
        var relations = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || relations is null)
        {
            return null;
        }

        string? id = null;
        using (var stream = workbook.Open())
        using (var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            while (id is null && xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
                {
                    id = xml.GetAttribute("id", RelationshipNamespace);
                }
            }
        }

        using (var stream = relations.Open())
        using (var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            while (id is not null && xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") == id)
                {
                    var target = xml.GetAttribute("Target") ?? "";
                    return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                }
            }
        }

        return null;
    }
}
