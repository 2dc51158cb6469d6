using System.IO.Compression;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Excel.Organizations;

namespace Appraisal.PartyBuilding.Excel.Tests;

public class SheetReaderTests
{
    private static readonly string[] Header = ["编码", "名称", "日期"];
    private const string NotXlsx = "文件不是Excel（.xlsx）文件，请上传用模板填写的.xlsx文件";
    private const string Corrupt = "文件已损坏，无法读取，请用Excel重新保存为.xlsx后再上传";
    private const string Bomb = "文件解压后过大或压缩比异常，疑似压缩炸弹，已拒绝";

    private static SheetReadResult Read(byte[] bytes, SheetReaderOptions? options = null) =>
        SheetReader.Read(new MemoryStream(bytes), Header, options);

    private static ImportError FileError(string message) => new(0, string.Empty, message);

    private static byte[] ValidFile() => TestFiles.WithHeader(Header, ["A1", "甲", "x"]).ToArray();

    [Fact]
    public void Empty_file_is_rejected()
    {
        var result = Read([]);
        Assert.Equal(FileError("文件为空"), Assert.Single(result.Errors));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Oversized_file_is_rejected_before_anything_parses_it()
    {
        var bytes = new byte[5 * 1024 * 1024 + 1];
        new Random(1).NextBytes(bytes);
        Assert.Equal(FileError("文件大小超过5 MB上限"), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Size_limit_is_a_parameter_and_applies_to_unseekable_streams()
    {
        var bytes = ValidFile();
        var options = new SheetReaderOptions { MaxFileBytes = 1024 };
        var result = SheetReader.Read(new UnseekableStream(bytes), Header, options);
        Assert.Equal(FileError("文件大小超过1 KB上限"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Csv_renamed_xlsx_is_not_xlsx()
    {
        var csv = TestFiles.Utf8("编码,名称,日期\nA1,甲,2024-01-01\n");
        Assert.Equal(FileError(NotXlsx), Assert.Single(Read(csv).Errors));
    }

    [Fact]
    public void Png_renamed_xlsx_is_not_xlsx()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
        Assert.Equal(FileError(NotXlsx), Assert.Single(Read(png).Errors));
    }

    [Fact]
    public void Old_xls_is_named()
    {
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        Assert.Equal(FileError("文件是旧版Excel（.xls）或加密文件，请另存为不加密的.xlsx后再上传"), Assert.Single(Read(xls).Errors));
    }

    [Fact]
    public void Zip_that_is_not_an_ooxml_package_is_not_xlsx()
    {
        var zip = TestFiles.Zip(("readme.txt", TestFiles.Utf8("hello")));
        Assert.Equal(FileError(NotXlsx), Assert.Single(Read(zip).Errors));
    }

    [Fact]
    public void Word_document_is_not_xlsx()
    {
        var docx = TestFiles.Zip(("[Content_Types].xml", TestFiles.Utf8(TestFiles.ContentTypesXlsx.Replace(
            "spreadsheetml.sheet.main+xml", "wordprocessingml.document.main+xml").Replace("/xl/workbook.xml", "/word/document.xml"))));
        Assert.Equal(FileError(NotXlsx), Assert.Single(Read(docx).Errors));
    }

    [Fact]
    public void Corrupt_zip_is_rejected()
    {
        byte[] bytes = [(byte)'P', (byte)'K', 3, 4, .. TestFiles.Utf8("this is not really a zip archive at all")];
        Assert.Equal(FileError(Corrupt), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Truncated_xlsx_is_corrupt()
    {
        var bytes = ValidFile();
        Assert.Equal(FileError(Corrupt), Assert.Single(Read(bytes[..(bytes.Length / 2)]).Errors));
    }

    [Fact]
    public void Package_epplus_cannot_open_is_corrupt()
    {
        var bytes = TestFiles.ReplaceEntries(ValidFile(), ("xl/workbook.xml", TestFiles.Utf8("<<< not xml")));
        Assert.Equal(FileError(Corrupt), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Zip_bomb_by_declared_size_is_rejected()
    {
        // A real zip whose one entry inflates to 60 MB of zeros (about 60 KB on disk).
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var ct = zip.CreateEntry("[Content_Types].xml").Open())
            {
                ct.Write(TestFiles.Utf8(TestFiles.ContentTypesXlsx));
            }

            using var stream = zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 60; i++)
            {
                stream.Write(zeros);
            }
        }

        Assert.True(buffer.Length < 5 * 1024 * 1024);
        Assert.Equal(FileError(Bomb), Assert.Single(Read(buffer.ToArray()).Errors));
    }

    [Fact]
    public void Zip_bomb_by_compression_ratio_is_rejected()
    {
        var bytes = TestFiles.ReplaceEntries(ValidFile(), ("xl/media/padding.bin", new byte[4 * 1024 * 1024]));
        Assert.Equal(FileError(Bomb), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Zip_with_too_many_entries_is_rejected()
    {
        var entries = Enumerable.Range(0, 1001).Select(i => ($"x/{i}.xml", TestFiles.Utf8("<a/>"))).ToArray();
        var bytes = TestFiles.ReplaceEntries(ValidFile(), entries);
        Assert.Equal(FileError(Bomb), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Entry_lying_about_its_size_is_rejected()
    {
        // Patch the declared uncompressed size (local header offset 22, central header offset 24) of a 2 MB entry to 1 KB.
        var bytes = TestFiles.ReplaceEntries(ValidFile(), ("xl/media/data.bin", RandomBytes(300_000)));
        var central = LastIndexOf(bytes, [0x50, 0x4B, 0x01, 0x02], "xl/media/data.bin"u8.ToArray());
        var local = BitConverter.ToInt32(bytes, central + 42);
        BitConverter.GetBytes(1024).CopyTo(bytes, central + 24);
        BitConverter.GetBytes(1024).CopyTo(bytes, local + 22);
        var error = Assert.Single(Read(bytes).Errors);
        Assert.Contains(error.Message, new[] { Bomb, Corrupt });
    }

    [Fact]
    public void Workbook_without_sheets_is_rejected()
    {
        var bytes = TestFiles.Zip(
            ("[Content_Types].xml", TestFiles.Utf8(TestFiles.ContentTypesXlsx)),
            ("_rels/.rels", TestFiles.Utf8("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""")),
            ("xl/workbook.xml", TestFiles.Utf8("""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets/></workbook>""")),
            ("xl/_rels/workbook.xml.rels", TestFiles.Utf8("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>""")));
        Assert.Equal(FileError("文件中没有工作表"), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Empty_sheet_has_no_header()
    {
        var bytes = TestFiles.Xlsx(_ => { }).ToArray();
        Assert.Equal(new ImportError(1, "", "工作表为空，第1行应为表头：编码 | 名称 | 日期"), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Header_only_means_no_data_rows()
    {
        var bytes = TestFiles.WithHeader(Header).ToArray();
        Assert.Equal(FileError("文件中没有数据行（第1行为表头，数据从第2行开始）"), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Blank_rows_below_the_header_mean_no_data_rows()
    {
        var bytes = TestFiles.WithHeader(Header, ["  ", null, ""], [null, null, null]).ToArray();
        Assert.Equal(FileError("文件中没有数据行（第1行为表头，数据从第2行开始）"), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void More_than_ten_thousand_rows_are_rejected()
    {
        var bytes = TestFiles.Xlsx(sheet =>
        {
            sheet.Cells[1, 1].Value = "编码";
            sheet.Cells[1, 2].Value = "名称";
            sheet.Cells[1, 3].Value = "日期";
            for (var r = 2; r <= 10_002; r++)
            {
                sheet.Cells[r, 1].Value = "C" + r;
            }
        }).ToArray();
        Assert.Equal(FileError("数据行数超过上限10000行，请分批导入"), Assert.Single(Read(bytes).Errors));
        Assert.Equal(10_001, Read(bytes, new SheetReaderOptions { MaxDataRows = 20_000 }).Rows.Count);
    }

    [Fact]
    public void Styled_empty_rows_below_the_data_do_not_count_towards_the_limit()
    {
        var bytes = TestFiles.Xlsx(sheet =>
        {
            sheet.Cells[1, 1].Value = "编码";
            sheet.Cells[1, 2].Value = "名称";
            sheet.Cells[1, 3].Value = "日期";
            sheet.Cells[2, 1].Value = "a";
            sheet.Cells[3, 1].Value = "b";
            sheet.Cells[4, 1, 500, 3].Style.Font.Bold = true;
        }).ToArray();

        Assert.Equal(2, Read(bytes, new SheetReaderOptions { MaxDataRows = 2 }).Rows.Count);
    }

    [Fact]
    public void Exactly_the_row_limit_is_accepted()
    {
        var bytes = TestFiles.WithHeader(Header, ["a"], ["b"], ["c"]).ToArray();
        Assert.Equal(3, Read(bytes, new SheetReaderOptions { MaxDataRows = 3 }).Rows.Count);
        Assert.Equal(FileError("数据行数超过上限2行，请分批导入"), Assert.Single(Read(bytes, new SheetReaderOptions { MaxDataRows = 2 }).Errors));
    }

    [Fact]
    public void The_row_limit_is_refused_before_EPPlus_opens_the_workbook()
    {
        // Shared strings EPPlus cannot parse: a file it opened would be reported corrupt. Over the limit, the count taken while
        // the zip-bomb pass inflates the sheet refuses it first, so EPPlus never loads it.
        var bytes = TestFiles.ReplaceEntries(
            TestFiles.WithHeader(Header, ["a"], ["b"], ["c"], ["d"]).ToArray(),
            ("xl/sharedStrings.xml", TestFiles.Utf8("<<< not xml")));

        Assert.Equal(FileError("数据行数超过上限3行，请分批导入"), Assert.Single(Read(bytes, new SheetReaderOptions { MaxDataRows = 3 }).Errors));
        Assert.Equal(FileError(Corrupt), Assert.Single(Read(bytes, new SheetReaderOptions { MaxDataRows = 4 }).Errors));
    }

    [Fact]
    public void Wrong_header_names_the_column_and_what_was_expected()
    {
        var bytes = TestFiles.WithHeader(["编码", "名字", "日期"], ["a"]).ToArray();
        var result = Read(bytes);
        Assert.Equal(new ImportError(1, "B", "B列表头应为“名称”，实际为“名字”"), Assert.Single(result.Errors));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Missing_column_is_named()
    {
        var bytes = TestFiles.WithHeader(["编码", "日期"], ["a", "b"]).ToArray();
        Assert.Equal(new ImportError(1, "B", "缺少列“名称”（应在B列）"), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Extra_column_is_named()
    {
        var bytes = TestFiles.WithHeader(["编码", "名称", "日期", "备注"], ["a"]).ToArray();
        Assert.Equal(new ImportError(1, "D", "多余的列“备注”：表头应只有3列（编码 | 名称 | 日期）"), Assert.Single(Read(bytes).Errors));
    }

    [Fact]
    public void Header_cells_are_trimmed()
    {
        var bytes = TestFiles.WithHeader([" 编码", "名称  ", "\t日期"], ["a"]).ToArray();
        Assert.True(Read(bytes).Succeeded);
    }

    [Fact]
    public void Formula_cell_is_an_error_and_never_evaluated()
    {
        var bytes = TestFiles.Xlsx(sheet =>
        {
            sheet.Cells[1, 1].Value = "编码";
            sheet.Cells[1, 2].Value = "名称";
            sheet.Cells[1, 3].Value = "日期";
            sheet.Cells[2, 1].Value = "A1";
            sheet.Cells[2, 2].Formula = "1+1";
            sheet.Cells[3, 1].Value = "A2";
        }).ToArray();
        var result = Read(bytes);
        Assert.Equal(new ImportError(2, "B", SheetReader.FormulaMessage), Assert.Single(result.Errors));
        Assert.Equal("单元格含公式，请填写数值或文本", SheetReader.FormulaMessage);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal("", result.Rows[0][1]);
        Assert.True(result.Rows[0].HasReaderError(1));
    }

    [Fact]
    public void Formula_with_a_cached_result_from_excel_is_still_an_error()
    {
        var bytes = TestFiles.Xlsx(sheet =>
        {
            sheet.Cells[1, 1].Value = "编码";
            sheet.Cells[1, 2].Value = "名称";
            sheet.Cells[1, 3].Value = "日期";
            sheet.Cells[2, 1].Value = "A1";
            sheet.Cells[2, 3].Formula = "1+1";
        }).ToArray();
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = reader.ReadToEnd();
        Assert.Contains("<f>1+1</f>", xml);
        var patched = TestFiles.ReplaceEntries(bytes, ("xl/worksheets/sheet1.xml", TestFiles.Utf8(xml.Replace("<f>1+1</f>", "<f>1+1</f><v>2</v>"))));
        var result = Read(patched);
        Assert.Equal(new ImportError(2, "C", SheetReader.FormulaMessage), Assert.Single(result.Errors));
        Assert.Equal(["A1", "", ""], Assert.Single(result.Rows).Cells);
    }

    [Fact]
    public void Formula_alone_in_its_row_is_an_error()
    {
        // No value anywhere in row 3: the row still counts because its formula is reported.
        var bytes = TestFiles.Xlsx(sheet =>
        {
            sheet.Cells[1, 1].Value = "编码";
            sheet.Cells[1, 2].Value = "名称";
            sheet.Cells[1, 3].Value = "日期";
            sheet.Cells[2, 1].Value = "A1";
            sheet.Cells[3, 2].Formula = "1+1";
        }).ToArray();
        var result = Read(bytes);
        Assert.Equal(new ImportError(3, "B", SheetReader.FormulaMessage), Assert.Single(result.Errors));
        Assert.Equal([2, 3], result.Rows.Select(r => r.Row));
        Assert.True(result.Rows[1].HasReaderError(1));
    }

    [Fact]
    public void A_row_far_below_the_data_is_read_whichever_way_the_cells_are_visited()
    {
        // Row 100 is past twice a row limit of 10 (only the stored cells are visited) and within twice the default
        // limit (every position is): both read the same rows.
        var bytes = TestFiles.Xlsx(sheet =>
        {
            sheet.Cells[1, 1].Value = "编码";
            sheet.Cells[1, 2].Value = "名称";
            sheet.Cells[1, 3].Value = "日期";
            sheet.Cells[2, 1].Value = "a";
            sheet.Cells[100, 3].Value = 45356d;
            sheet.Cells[100, 3].Style.Numberformat.Format = "yyyy-mm-dd";
            sheet.Cells[50, 1, 60, 3].Style.Font.Bold = true;
        }).ToArray();

        foreach (var options in new[] { new SheetReaderOptions { MaxDataRows = 10 }, SheetReaderOptions.Default })
        {
            var result = Read(bytes, options);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            Assert.Equal([2, 100], result.Rows.Select(r => r.Row));
            Assert.Equal(["a", "", ""], result.Rows[0].Cells);
            Assert.Equal(["", "", "2024-03-05"], result.Rows[1].Cells);
        }
    }

    [Fact]
    public void A_number_without_a_style_of_its_own_takes_its_columns_date_format()
    {
        var bytes = TestFiles.Xlsx(sheet =>
        {
            sheet.Cells[1, 1].Value = "编码";
            sheet.Cells[1, 2].Value = "名称";
            sheet.Cells[1, 3].Value = "日期";
            sheet.Cells["B:C"].Style.Numberformat.Format = "yyyy-mm-dd";
            sheet.Cells[2, 1].Value = 7d;
            sheet.Cells[2, 3].Value = 45356d;
        }).ToArray();
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = reader.ReadToEnd();

        // One col element for B:C: EPPlus keeps its style under column B only, so C's own StyleID reads 0.
        Assert.Matches("<col min=\"2\" max=\"3\"[^>]*style=", xml);

        // Excel leaves out the style of a cell that has the default one; the column's format then applies.
        var unstyled = System.Text.RegularExpressions.Regex.Replace(xml, "<c r=\"(A2|C2)\" s=\"[0-9]+\"", "<c r=\"$1\"");
        Assert.NotEqual(xml, unstyled);
        var result = Read(TestFiles.ReplaceEntries(bytes, ("xl/worksheets/sheet1.xml", TestFiles.Utf8(unstyled))));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(["7", "", "2024-03-05"], Assert.Single(result.Rows).Cells);
    }

    [Fact]
    public void Values_are_read_as_text()
    {
        var bytes = TestFiles.Xlsx(sheet =>
        {
            sheet.Cells[1, 1].Value = "编码";
            sheet.Cells[1, 2].Value = "名称";
            sheet.Cells[1, 3].Value = "日期";
            sheet.Cells[2, 1].Value = 12d;
            sheet.Cells[2, 2].Value = "  甲 乙  ";
            sheet.Cells[2, 3].Value = new DateTime(2024, 3, 5);
            sheet.Cells[2, 3].Style.Numberformat.Format = "yyyy-mm-dd";
            sheet.Cells[4, 1].Value = 0.1;
            sheet.Cells[4, 2].Value = 1e20;
            sheet.Cells[4, 3].Value = 45356d;
            sheet.Cells[4, 3].Style.Numberformat.Format = "yyyy\"年\"m\"月\"d\"日\"";
            sheet.Cells[5, 1].Value = true;
            sheet.Cells[5, 2].Value = -3.25;
            sheet.Cells[5, 3].Value = "=1+1"; // a string that looks like a formula stays text
            sheet.Cells[6, 5].Value = "ignored: right of the expected columns";
        }).ToArray();
        var result = Read(bytes);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([2, 4, 5], result.Rows.Select(r => r.Row));
        Assert.Equal(["12", "甲 乙", "2024-03-05"], result.Rows[0].Cells);
        Assert.Equal(["0.1", "100000000000000000000", "2024-03-05"], result.Rows[1].Cells);
        Assert.Equal(["TRUE", "-3.25", "=1+1"], result.Rows[2].Cells);
    }

    [Fact]
    public void Two_byte_file_is_not_xlsx()
    {
        var result = Read([0x50, 0x4B]);
        Assert.Equal(FileError(NotXlsx), Assert.Single(result.Errors));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static int LastIndexOf(byte[] haystack, byte[] signature, byte[] name)
    {
        for (var i = haystack.Length - signature.Length; i >= 0; i--)
        {
            if (haystack.AsSpan(i).StartsWith(signature) && haystack.AsSpan(i + 46).StartsWith(name))
            {
                return i;
            }
        }

        throw new InvalidOperationException("central directory entry not found");
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
