namespace Appraisal.PartyBuilding.Excel;

/// <summary>Excel column letters.</summary>
public static class ExcelColumns
{
    /// <summary>The letter(s) of a 1-based column number: 1 → A, 26 → Z, 27 → AA.</summary>
    public static string Letter(int column)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(column, 1);
        var letters = string.Empty;
        while (column > 0)
        {
            var rest = (column - 1) % 26;
            letters = (char)('A' + rest) + letters;
            column = (column - 1) / 26;
        }

        return letters;
    }
}
