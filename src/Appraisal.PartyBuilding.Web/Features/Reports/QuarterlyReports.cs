using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Excel.Reports;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Reports;

/// <summary>
/// Builds a period's quarterly report (季度通报) for one scope: the stored results of the branches in the subtree,
/// the previous quarter's published results for the movers, names and grade scales from the installed packs.
/// The same data always gives the same report, so the stored file and a regenerated one agree.
/// </summary>
public sealed class QuarterlyReports(AppraisalDbContext db, IServiceScopeFactory scopes, PackCatalog catalog, IOptions<ReportOptions> options)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Why <paramref name="role"/> may not see the period's report yet, or null when they may.</summary>
    public static string? Refusal(Period period, string role) => period.State switch
    {
        PeriodState.Open => $"{period.AsQuarter}尚未计分，还没有季度通报。",
        PeriodState.Scoring when role != Role.OrgAdmin => $"{period.AsQuarter}的考核结果尚未公示，季度通报在公示后提供。",
        _ => null,
    };

    public static string FileName(Period period) => $"{period.Year}年第{period.Quarter}季度考核通报.xlsx";

    public async Task<QuarterlyReport> BuildAsync(Period period, Organization scope, CancellationToken cancellationToken)
    {
        // The indicator tallies are the report's longest query (every indicator row in scope); the database computes
        // them on a connection of its own while this one reads the results, names and grade scales (issue 11).
        var tallying = TallyIndicatorsAsync(period.Id, scope, cancellationToken);
        var reading = ReadAsync(period, scope, cancellationToken);
        await Task.WhenAll(tallying, reading);
        return QuarterlyReportBuilder.Build(reading.Result with { IndicatorTallies = tallying.Result }, options.Value.Rules);
    }

    /// <summary>
    /// The report's .xlsx, the same workbook <c>QuarterlyReportWorkbook.Write(await BuildAsync(…))</c> gives, but the
    /// indicator tally is awaited only after the ranking, grades and movers are written: the database tallies a
    /// province's indicator rows while this connection reads the results and EPPlus writes the ranking (issue 11).
    /// </summary>
    public async Task<byte[]> WriteAsync(Period period, Organization scope, CancellationToken cancellationToken) =>
        (await WriteAsync(period, scope, null, cancellationToken)).Content;

    /// <summary>
    /// The report's file as <see cref="WriteAsync(Period, Organization, CancellationToken)"/> writes it, unless
    /// <paramref name="storedFile"/> gives a file already stored for the report's stamp: the stamp needs the complete
    /// report, so it is asked once the tally arrives, and the workbook, its tables written by then, is dropped unsaved.
    /// The one way the report job, the API and the scheduler's archive write the file.
    /// </summary>
    /// <param name="storedFile">The stored file whose stamp is the given one, or null; null when there is none to look for (no stamp is computed).</param>
    public async Task<QuarterlyReportFile> WriteAsync(Period period, Organization scope, Func<string, Task<byte[]?>>? storedFile, CancellationToken cancellationToken)
    {
        var tallying = TallyIndicatorsAsync(period.Id, scope, cancellationToken);
        var input = await ReadAsync(period, scope, cancellationToken);
        var tables = QuarterlyReportBuilder.Build(input with { IndicatorTallies = [] }, options.Value.Rules);
        QuarterlyReport? report = null;
        string? stamp = null;
        byte[]? stored = null;
        var written = await QuarterlyReportWorkbook.WriteUnlessAbandonedAsync(tables, CompleteAsync());
        return new QuarterlyReportFile(report!, stamp, written ?? stored!, written is not null);

        async Task<QuarterlyReport?> CompleteAsync()
        {
            report = QuarterlyReportBuilder.WithIndicators(tables, await tallying, input.IndicatorNames);
            if (storedFile is null)
            {
                return report;
            }

            stamp = Stamp(report);
            stored = await storedFile(stamp);
            return stored is null ? report : null;
        }
    }

    /// <summary>Everything the report needs but the indicator tallies.</summary>
    private async Task<ReportInput> ReadAsync(Period period, Organization scope, CancellationToken cancellationToken)
    {
        var results = await LoadAsync(period.Id, scope.Path, cancellationToken);
        var previousQuarter = period.AsQuarter.Previous;
        var previousPeriod = await db.Periods.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Year == previousQuarter.Year && p.Quarter == previousQuarter.Number, cancellationToken);
        var previous = previousPeriod is { State: PeriodState.Published or PeriodState.Final }
            ? await LoadAsync(previousPeriod.Id, scope.Path, cancellationToken)
            : null;

        // Names and grade scales as each period's pinned pack versions define them, never the newest.
        var pinned = await catalog.PinnedByAsync(db, period.Id, cancellationToken);
        var previousPinned = previousPeriod is null ? catalog.Pinned([]) : await catalog.PinnedByAsync(db, previousPeriod.Id, cancellationToken);
        var categories = results.Concat(previous ?? []).Select(r => r.CategoryCode).Distinct()
            .Select(code => (pinned.FindCategory(code) ?? previousPinned.FindCategory(code)) is { } category
                ? new ReportCategory(code, category.Name, category.Grades.Bands.OrderByDescending(b => b.MinPercent).Select(b => b.Name).ToList())
                : new ReportCategory(code, code, []))
            .ToDictionary(c => c.Code, StringComparer.Ordinal);
        var indicatorNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var indicator in pinned.Categories.Concat(previousPinned.Categories).SelectMany(c => c.Dimensions).SelectMany(d => d.Indicators))
        {
            indicatorNames.TryAdd(indicator.Code, indicator.Name);
        }

        return new ReportInput(period.AsQuarter, scope.Name, period.State, period.PublishedAt, period.AppealsCloseAt, results, previous, categories, indicatorNames);
    }

    /// <summary>A fingerprint of the report's content (SHA-256 of its JSON), to tell whether a stored file is current.</summary>
    public static string Stamp(QuarterlyReport report) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(report, StampJson)));

    private static readonly JsonSerializerOptions StampJson = new() { Converters = { new QuarterAsText() } };

    /// <summary>A quarter as <c>2026Q3</c>: its <c>Previous</c> property would otherwise be followed without end.</summary>
    private sealed class QuarterAsText : JsonConverter<AssessmentQuarter>
    {
        public override AssessmentQuarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Report stamps are written, never read.");

        public override void Write(Utf8JsonWriter writer, AssessmentQuarter value, JsonSerializerOptions options) =>
            writer.WriteStringValue($"{value.Year}Q{value.Number}");
    }

    /// <summary>
    /// The results by projection: the columns the report shows, never the indicators or explanations. In the database's
    /// order: the report orders every table itself. Read with the provider's own data reader from the command EF Core
    /// builds for the projection (the same SQL, scope and parameters): a province's 100,000 rows without EF Core's
    /// materialisation (issue 11).
    /// </summary>
    private async Task<List<ReportResult>> LoadAsync(int periodId, string scopePath, CancellationToken cancellationToken)
    {
        await using var command = Visible(db, periodId, scopePath)
            .Select(r => new { r.Branch!.Code, r.Branch.Name, r.CategoryCode, r.Total, r.MaxPoints, r.Grade, r.Rank, r.Percentile })
            .CreateDbCommand();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var (code, name, category, total, maxPoints, grade, rank, percentile) = (
                reader.GetOrdinal("Code"), reader.GetOrdinal("Name"), reader.GetOrdinal("CategoryCode"), reader.GetOrdinal("Total"),
                reader.GetOrdinal("MaxPoints"), reader.GetOrdinal("Grade"), reader.GetOrdinal("Rank"), reader.GetOrdinal("Percentile"));
            var results = new List<ReportResult>();
            while (await reader.ReadAsync(cancellationToken))
            {
                results.Add(new ReportResult(
                    reader.GetString(code),
                    reader.GetString(name),
                    reader.GetString(category),
                    reader.GetDecimal(total),
                    reader.GetDecimal(maxPoints),
                    reader.GetString(grade),
                    reader.GetInt32(rank),
                    reader.GetDecimal(percentile),
                    Array.Empty<ReportIndicatorScore>()));
            }

            return results;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The indicator scores counted and summed by the database, one row per indicator and maximum, instead of streaming
    /// the province's three hundred thousand indicator rows (issue 11). Exact on both providers: PostgreSQL sums
    /// <c>numeric</c>; on SQLite, where decimals are stored as text, EF Core sums and compares them with its own
    /// decimal functions. The root's report counts the whole period's rows, every branch being in its subtree: no join
    /// to the results and organizations (a third of the tally's time at 100,000 branches); a subtree's counts the rows
    /// of its results.
    /// </summary>
    private async Task<List<IndicatorTally>> TallyIndicatorsAsync(int periodId, Organization scope, CancellationToken cancellationToken)
    {
        await using var own = scopes.CreateAsyncScope();
        var tallyDb = own.ServiceProvider.GetRequiredService<AppraisalDbContext>();
        if (scope.ParentId is null)
        {
            // The root's tally is the whole period's, stored by the scoring that wrote the results and deleted by any
            // later change of them: about 30 lines instead of grouping 3 million indicator rows at 100,000 branches.
            var stored = await tallyDb.IndicatorTallies.AsNoTracking().Where(t => t.PeriodId == periodId).ToListAsync(cancellationToken);
            if (stored.Count > 0)
            {
                return stored.Select(t => t.ToTally()).ToList();
            }
        }

        return await CountIndicators(tallyDb, periodId, scope.ParentId is null ? null : scope.Path).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores the whole period's indicator tally (what the root's report counts), in the caller's transaction: scoring
    /// calls it after <see cref="AppraisalDbContext.NoteResultsChangedAsync"/>, which deleted the lines of before.
    /// </summary>
    public static async Task StoreIndicatorTallyAsync(AppraisalDbContext db, int periodId, CancellationToken cancellationToken)
    {
        var tallies = await CountIndicators(db, periodId, null).ToListAsync(cancellationToken);
        db.IndicatorTallies.AddRange(tallies.Select(t => StoredIndicatorTally.Of(periodId, t)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The indicator tally counted by the database over the results in the subtree at <paramref name="scopePath"/>, or
    /// over the whole period's rows when it is null (every branch is in the root's subtree, so the join to the results
    /// and organizations would only cost time).
    /// </summary>
    private static IQueryable<IndicatorTally> CountIndicators(AppraisalDbContext db, int periodId, string? scopePath)
    {
        var rows = db.Set<BranchIndicatorScore>().AsNoTracking()
            .Where(i => i.PeriodId == periodId && i.MaxScore > 0); // a veto awards no points: nothing to average
        if (scopePath is not null)
        {
            var visible = Visible(db, periodId, scopePath);
            rows = rows.Where(i => visible.Any(r => r.Id == i.BranchResultId));
        }

        return rows
            .GroupBy(i => new { i.Code, i.MaxScore })
            .Select(g => new IndicatorTally(
                g.Key.Code,
                g.Key.MaxScore,
                g.Count(),
                g.Sum(i => i.Score),
                g.Count(i => i.Score >= i.MaxScore),
                g.Count(i => i.Score <= 0)));
    }

    private static IQueryable<BranchResult> Visible(AppraisalDbContext db, int periodId, string scopePath) =>
        db.BranchResults.AsNoTracking().Where(r => r.PeriodId == periodId && r.Branch!.Path.StartsWith(scopePath));
}

/// <summary>A quarterly report's .xlsx: written for it, or the stored file whose stamp matched.</summary>
/// <param name="Stamp">The report's <see cref="QuarterlyReports.Stamp"/>; null when no stored file was looked for.</param>
/// <param name="Generated">Whether <paramref name="Content"/> was written now rather than stored before.</param>
public sealed record QuarterlyReportFile(QuarterlyReport Report, string? Stamp, byte[] Content, bool Generated);
