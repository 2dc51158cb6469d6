using Appraisal.PartyBuilding.Excel;
using Appraisal.PartyBuilding.Excel.Records;
using BenchmarkDotNet.Attributes;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// Issue 11, goal 5: reading and checking a records import file of 10,000 rows (<see cref="RecordSheet.Read"/>: size
/// and zip-bomb checks, the streamed row count, EPPlus, every cell's checks) against its floor: EPPlus opening the
/// same file and reading every cell's value. The database half of an import (matching branches, inserting records
/// and their history) is not in this figure.
/// </summary>
[MemoryDiagnoser]
public class RecordImportBenchmarks
{
    private byte[] file = [];
    private PeakMemory? peak;

    [Params(10_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("会议记录");
        for (var c = 0; c < RecordSheet.Headers.Count; c++)
        {
            sheet.Cells[1, c + 1].Value = RecordSheet.Headers[c];
        }

        var types = new[] { "支部党员大会", "支部委员会", "党小组会", "党课", "主题党日" };
        for (var r = 0; r < Rows; r++)
        {
            var row = r + 2;
            sheet.Cells[row, 1].Value = $"GEN-{r % 2000:D6}";
            sheet.Cells[row, 2].Value = types[r % types.Length];
            sheet.Cells[row, 3].Value = new DateOnly(2026, 7 + (r % 3), 1 + (r % 28)).ToString("yyyy-MM-dd");
            sheet.Cells[row, 4].Value = 20;
            sheet.Cells[row, 5].Value = 18;
            sheet.Cells[row, 6].Value = "学习贯彻党的二十届四中全会精神，结合本支部实际研究部署下一阶段工作";
            sheet.Cells[row, 7].Value = r % types.Length == 2 ? "一组" : null;
        }

        file = package.GetAsByteArray();
    }

    [IterationSetup(Target = nameof(Floor))]
    public void StartFloorPeak() => peak = PeakMemory.Start($"floor of import {Rows:N0} rows");

    [IterationSetup(Target = nameof(Read))]
    public void StartPeak() => peak = PeakMemory.Start($"import {Rows:N0} rows");

    [IterationCleanup]
    public void RecordPeak() => peak?.Dispose();

    [Benchmark(Baseline = true)]
    public int Floor()
    {
        using var package = new ExcelPackage(new MemoryStream(file));
        var sheet = package.Workbook.Worksheets.First();
        var dimension = sheet.Dimension;
        var values = 0;
        for (var row = 1; row <= dimension.End.Row; row++)
        {
            for (var column = 1; column <= dimension.End.Column; column++)
            {
                values += sheet.Cells[row, column].Value is null ? 0 : 1;
            }
        }

        return values;
    }

    [Benchmark]
    public int Read()
    {
        var result = RecordSheet.Read(new MemoryStream(file), SheetReaderOptions.Default);
        return result.Errors.Count == 0 ? result.Rows.Count : throw new InvalidOperationException(string.Join("; ", result.Errors.Take(3)));
    }
}
