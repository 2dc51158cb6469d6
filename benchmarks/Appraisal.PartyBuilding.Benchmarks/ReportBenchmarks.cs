using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Excel.Reports;
using Appraisal.PartyBuilding.Web.Features.Reports;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// Issue 11, goal 4: the quarterly report of a scored province on PostgreSQL — read the results, build the analyses,
/// write the .xlsx — against its floor: EPPlus writing the same cells (every value of every sheet of the report,
/// captured once in the setup) into a new workbook, without styles. Ratio = report ÷ floor. <see cref="Build"/> splits
/// the report's time between reading and analysing the results and writing the workbook.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private ScaleSetup setup = null!;
    private List<(string Sheet, List<(int Row, int Column, object Value)> Cells)> cells = [];
    private PeakMemory? peak;

    [ParamsSource(nameof(Sizes))]
    public int Branches { get; set; }

    public static IEnumerable<int> Sizes => ScaleSetup.Sizes;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Floor))]
    public void StartFloorPeak() => peak = PeakMemory.Start($"floor of report {Branches:N0} PostgreSQL");

    [IterationSetup(Targets = [nameof(Report), nameof(Build)])]
    public void StartPeak() => peak = PeakMemory.Start($"report {Branches:N0} PostgreSQL");

    [IterationCleanup]
    public void RecordPeak() => peak?.Dispose();

    [Benchmark(Baseline = true)]
    public int Floor()
    {
        using var package = new ExcelPackage();
        foreach (var (name, values) in cells)
        {
            var sheet = package.Workbook.Worksheets.Add(name);
            foreach (var (row, column, value) in values)
            {
                sheet.Cells[row, column].Value = value;
            }
        }

        return package.GetAsByteArray().Length;
    }

    [Benchmark]
    public int Report() => ReportAsync().GetAwaiter().GetResult().Length;

    /// <summary>The report's first half alone (read and analyse, no .xlsx): Report − Build is the workbook's share.</summary>
    [Benchmark]
    public int Build() => BuildAsync().GetAwaiter().GetResult().Ranking.Count;

    [GlobalCleanup]
    public void Cleanup() => setup.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        setup = await ScaleSetup.CreateAsync(DatabaseProvider.PostgreSql, Branches);
        await setup.ScoreAsync();
        using var package = new ExcelPackage(new MemoryStream(await ReportAsync()));
        foreach (var sheet in package.Workbook.Worksheets)
        {
            var values = new List<(int, int, object)>();
            if (sheet.Dimension is { } dimension)
            {
                foreach (var cell in sheet.Cells[1, 1, dimension.End.Row, dimension.End.Column])
                {
                    if (cell.Value is { } value)
                    {
                        values.Add((cell.Start.Row, cell.Start.Column, value));
                    }
                }
            }

            cells.Add((sheet.Name, values));
        }
    }

    private async Task<byte[]> ReportAsync() => QuarterlyReportWorkbook.Write(await BuildAsync());

    private async Task<Core.Reports.QuarterlyReport> BuildAsync()
    {
        await using var scope = setup.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
        var period = await db.Periods.AsNoTracking().SingleAsync(p => p.Id == setup.PeriodId);
        var root = await db.Organizations.AsNoTracking().SingleAsync(o => o.Code == Organization.RootCode);
        return await scope.ServiceProvider.GetRequiredService<QuarterlyReports>().BuildAsync(period, root, CancellationToken.None);
    }
}
