using System.Text.Json;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;

namespace Appraisal.PartyBuilding.Web.Features.Evidence;

/// <summary>
/// Reads a JSON request body item by item, so that every bad field is reported with its item index and name
/// (a typed binder would stop at the first value of the wrong type with an English message).
/// </summary>
public static class EvidenceJson
{
    /// <summary>Most items in one request, as many as the rows of one import file.</summary>
    public const int MaxItems = 10_000;

    /// <summary>
    /// The body's object, or an error about the body as a whole (position -1) with its status: 415 when the body is
    /// not declared as JSON (so that a cross-site form post is never read as a batch), 400 when it is not a JSON object.
    /// </summary>
    public static async Task<(JsonElement? Body, EvidenceError? Error, int Status)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, new EvidenceError(-1, string.Empty, "请求体应为JSON（Content-Type: application/json）"), StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null, StatusCodes.Status200OK)
                : (null, new EvidenceError(-1, string.Empty, "请求体应为JSON对象"), StatusCodes.Status400BadRequest);
        }
        catch (JsonException e)
        {
            return (null, new EvidenceError(-1, string.Empty, $"请求体不是有效的JSON（第{e.LineNumber + 1}行）"), StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// The items of <c>{ "&lt;field&gt;": [ {...}, ... ] }</c>; items that are not objects are reported and left out.
    /// </summary>
    public static List<(int Index, JsonElement Item)> Items(JsonElement body, string field, List<EvidenceError> errors)
    {
        var items = new List<(int, JsonElement)>();
        if (Property(body, field) is not { ValueKind: JsonValueKind.Array } array)
        {
            errors.Add(new EvidenceError(-1, field, $"请求体应为 {{ \"{field}\": [ ... ] }}，缺少数组“{field}”"));
            return items;
        }

        var count = array.GetArrayLength();
        if (count == 0)
        {
            errors.Add(new EvidenceError(-1, field, $"“{field}”不能为空数组"));
            return items;
        }

        if (count > MaxItems)
        {
            errors.Add(new EvidenceError(-1, field, $"一次最多{MaxItems}项，实际为{count}项，请分批报送"));
            return items;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                items.Add((index, item));
            }
            else
            {
                errors.Add(new EvidenceError(index, string.Empty, "每一项应为JSON对象"));
            }

            index++;
        }

        return items;
    }

    /// <summary>An item whose fields are read by name (case-insensitive), reporting into <paramref name="errors"/>.</summary>
    public static EvidenceItem Item(int index, JsonElement item, List<EvidenceError> errors) =>
        new(index, field => Cell(item, field), field => field, errors);

    /// <summary>A property by name, ignoring case; null when absent.</summary>
    public static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static EvidenceCell Cell(JsonElement item, string field) => Property(item, field) switch
    {
        null => new EvidenceCell(null),
        { ValueKind: JsonValueKind.String } value => new EvidenceCell(value.GetString()),
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => new EvidenceCell(null),
        { } value => new EvidenceCell(value.GetRawText()),
    };

    /// <summary>How an item is named in messages, e.g. <c>items[3]</c>.</summary>
    public static Func<int, string> Describe(string field) => index => $"{field}[{index}]";
}
