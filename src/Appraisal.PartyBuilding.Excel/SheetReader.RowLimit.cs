using System.IO.Compression;
using System.Xml;

namespace Appraisal.PartyBuilding.Excel;

public static partial class SheetReader
{
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>The message for a file with more data rows than <see cref="SheetReaderOptions.MaxDataRows"/>.</summary>
    internal static string TooManyRows(int maxDataRows) => $"数据行数超过上限{maxDataRows}行，请分批导入";

    /// <summary>
    /// What the pass over the first sheet's XML found: a row-limit (or corrupt XML) problem, and two facts that let the
    /// cell read skip work EPPlus would otherwise do per cell. Unknown (a sheet not scanned) assumes the worst.
    /// </summary>
    /// <param name="Problem">The row limit passed, or the XML is not well formed; null when neither.</param>
    /// <param name="HasFormulas">An <c>f</c> element anywhere in the sheet: only then is each cell asked for its formula.</param>
    /// <param name="HasColumnStyles">
    /// A <c>col</c> element with a <c>style</c>: only then can a cell without a style of its own or of its row take its
    /// number format from its column, the one case where EPPlus's <c>StyleID</c> and <c>Style</c> disagree.
    /// </param>
    private readonly record struct SheetScan(string? Problem, bool HasFormulas, bool HasColumnStyles)
    {
        public static SheetScan Unknown { get; } = new(null, HasFormulas: true, HasColumnStyles: true);
    }

    /// <summary>
    /// Counts the first sheet's rows holding a value by streaming its XML as the zip-bomb pass inflates it, before
    /// EPPlus loads the workbook: a file over the row limit is refused without building the whole sheet in memory.
    /// Rows of the header and rows with only styled, empty cells do not count; the exact count (data rows with text
    /// in the expected columns) is still taken while the sheet is read. Stops reading at the first row over the limit.
    /// The same pass notes whether the sheet has formulas or column styles at all (<see cref="SheetScan"/>).
    /// </summary>
    private static SheetScan ScanSheet(Stream sheetXml, int maxDataRows)
    {
        try
        {
            using var xml = XmlReader.Create(sheetXml, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                IgnoreWhitespace = true,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = false,
            });

            // Names compared by reference to the reader's atomized strings, not by content, element after element.
            var names = xml.NameTable;
            var (row, value, inline, formula, column, style) =
                (names.Add("row"), names.Add("v"), names.Add("is"), names.Add("f"), names.Add("col"), names.Add("style"));
            var rowsWithValues = 0;
            var rowHasValue = false;
            var hasFormulas = false;
            var hasColumnStyles = false;
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element)
                {
                    var name = xml.LocalName;
                    if ((object)name == row)
                    {
                        rowHasValue = false;
                    }
                    else if ((object)name == value || (object)name == inline)
                    {
                        rowHasValue = true;
                    }
                    else if ((object)name == formula)
                    {
                        hasFormulas = true;
                    }
                    else if ((object)name == column && xml.GetAttribute(style) is not null)
                    {
                        hasColumnStyles = true;
                    }
                }
                else if (xml.NodeType == XmlNodeType.EndElement && rowHasValue && (object)xml.LocalName == row)
                {
                    // The first row with values is the header.
                    if (++rowsWithValues - 1 > maxDataRows)
                    {
                        return new(TooManyRows(maxDataRows), hasFormulas, hasColumnStyles);
                    }

                    rowHasValue = false;
                }
            }

            return new(null, hasFormulas, hasColumnStyles);
        }
        catch (XmlException)
        {
            return SheetScan.Unknown with { Problem = "文件已损坏，无法读取，请用Excel重新保存为.xlsx后再上传" };
        }
    }

    /// <summary>
    /// The zip path of the workbook's first sheet (the one EPPlus's <c>Worksheets.First()</c> reads), or null (EPPlus
    /// then reports the workbook in its own words). Reads the two small parts through their own inflation guard.
    /// </summary>
    private static string? FirstSheetPath(ZipArchive zip, SheetReaderOptions options)
    {
        var workbook = zip.GetEntry("xl/workbook.xml");
        var relations = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || relations is null)
        {
            return null;
        }

        var budget = new InflationBudget(options.MaxUncompressedBytes);
        try
        {
            string? id = null;
            using (var stream = new InflationGuard(workbook.Open(), workbook.Length, budget))
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

            using (var stream = new InflationGuard(relations.Open(), relations.Length, budget))
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
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>What every entry of one package may inflate to, together.</summary>
    private sealed class InflationBudget(long maxBytes)
    {
        public long Remaining { get; set; } = maxBytes;
    }

    /// <summary>Thrown by <see cref="InflationGuard"/>: an entry inflates to more than it declares, or the package to more than the limit.</summary>
    private sealed class ZipBombException : Exception;

    /// <summary>
    /// A zip entry's inflating stream that counts what comes out and stops the read, with
    /// <see cref="ZipBombException"/>, as soon as the entry passes its declared size or the package its budget.
    /// </summary>
    private sealed class InflationGuard(Stream inner, long declaredLength, InflationBudget budget) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int bytes)
        {
            read += bytes;
            budget.Remaining -= bytes;
            if (read > declaredLength || budget.Remaining < 0)
            {
                throw new ZipBombException();
            }

            return bytes;
        }
    }
}
