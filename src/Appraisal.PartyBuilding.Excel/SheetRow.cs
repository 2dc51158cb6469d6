using Appraisal.PartyBuilding.Core.Imports;

namespace Appraisal.PartyBuilding.Excel;

/// <summary>One non-empty data row of a sheet, as text.</summary>
public sealed class SheetRow
{
    private readonly string[] _cells;
    private readonly bool[] _invalid;

    internal SheetRow(int row, string[] cells, bool[] invalid)
    {
        Row = row;
        _cells = cells;
        _invalid = invalid;
    }

    /// <summary>The row number as Excel shows it (the header is row 1).</summary>
    public int Row { get; }

    /// <summary>The trimmed cell texts, one per expected column (an empty string for an empty cell).</summary>
    public IReadOnlyList<string> Cells => _cells;

    /// <summary>The trimmed text of the cell in column <paramref name="index"/> (0-based).</summary>
    public string this[int index] => _cells[index];

    /// <summary>
    /// Whether the reader already reported an error for the cell in column <paramref name="index"/> (0-based),
    /// e.g. a formula; its text is then empty and callers should not report it again.
    /// </summary>
    public bool HasReaderError(int index) => _invalid[index];
}

/// <summary>The outcome of <see cref="SheetReader.Read"/>.</summary>
/// <param name="Errors">
/// Every error found, ordered by row then column. File-level errors (row 0) and header errors (row 1)
/// come with no rows; cell errors (e.g. a formula cell) come with the rows read.
/// </param>
/// <param name="Rows">The data rows (empty when a file-level or header error was found).</param>
public sealed record SheetReadResult(IReadOnlyList<ImportError> Errors, IReadOnlyList<SheetRow> Rows)
{
    /// <summary>True when no error at all was found.</summary>
    public bool Succeeded => Errors.Count == 0;
}
