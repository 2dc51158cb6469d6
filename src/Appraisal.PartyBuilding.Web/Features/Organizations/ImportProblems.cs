using Appraisal.PartyBuilding.Core.Imports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appraisal.PartyBuilding.Web.Features.Organizations;

/// <summary>RFC 7807 answers for rejected imports: <c>errors</c> lists every bad row as <c>{ row, column, message }</c>.</summary>
public static class ImportProblems
{
    public const string RejectedTitle = "导入失败，未保存任何数据";

    public static string RejectedDetail(int errorCount) => $"文件中有{errorCount}处错误，请修改后重新导入。";

    public static ProblemHttpResult Rejected(IReadOnlyList<ImportError> errors) =>
        TypedResults.Problem(
            title: RejectedTitle,
            detail: RejectedDetail(errors.Count),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>409: the file is valid but changes the kind or category of nodes holding data; <c>confirmations</c> lists what to confirm.</summary>
    public static ProblemHttpResult Unconfirmed(Features.Organizations.ImportOutcome outcome) =>
        TypedResults.Problem(
            title: "导入需要确认，未保存任何数据",
            detail: $"文件会改变{outcome.Confirmations.Count}个已有数据的组织的类型或类别。核对无误后，随文件提交 confirm 字段（{string.Join("，", outcome.Confirmations)}）再导入。",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors, ["confirmations"] = outcome.Confirmations });

    public static ProblemHttpResult MissingFile() =>
        Rejected([new ImportError(0, "", "请上传 .xlsx 文件（表单字段 file）。")]);
}
