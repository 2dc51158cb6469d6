namespace Appraisal.PartyBuilding.Excel;

/// <summary>One column of an import template.</summary>
/// <param name="Header">The header text written in row 1, e.g. 组织编码.</param>
/// <param name="Help">One line of help for the 填写说明 sheet.</param>
/// <param name="Width">The column width in Excel character units (set explicitly: AutoFit needs libgdiplus on Linux).</param>
/// <param name="Choices">Values for a drop-down list on the data rows; null or empty for none.</param>
/// <param name="ChoicesStrict">
/// True: Excel refuses a value not in the list. False: Excel warns but accepts it (e.g. a category code typed
/// instead of the listed name).
/// </param>
/// <param name="IsText">True to format the data cells as text (<c>@</c>) so that Excel keeps e.g. <c>001</c> as typed.</param>
public sealed record TemplateColumn(
    string Header,
    string Help,
    double Width = 16,
    IReadOnlyList<string>? Choices = null,
    bool ChoicesStrict = true,
    bool IsText = true);
