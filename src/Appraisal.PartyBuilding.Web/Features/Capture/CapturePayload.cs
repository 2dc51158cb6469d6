using System.Text;
using System.Text.Json;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Capture;

namespace Appraisal.PartyBuilding.Web.Features.Capture;

/// <summary>One branch's value as a source reported it; <paramref name="Position"/> is the JSON item (from 1) or the CSV line.</summary>
public sealed record CapturedValue(int Position, string BranchCode, decimal Value);

/// <summary>
/// Reads a source's answer into branch values: a JSON array of objects or a CSV file with a header line. Anything
/// unexpected (another shape, a missing field, a value that is not a number) makes the whole answer unusable, with a
/// message naming the item or line and the field, so that a broken source never lands as zeros or half a batch.
/// </summary>
public static class CapturePayload
{
    /// <summary>At most this many problems are listed; the count says how many there were.</summary>
    private const int MaxListedProblems = 10;

    public static (IReadOnlyList<CapturedValue> Values, string? Error) Read(byte[] body, CaptureFormat format, string branchField, string valueField)
    {
        ArgumentNullException.ThrowIfNull(body);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return ([], "数据源返回的内容不是 UTF-8 编码的文本");
        }

        var problems = new List<string>();
        var values = format == CaptureFormat.Csv ? ReadCsv(text, branchField, valueField, problems) : ReadJson(text, branchField, valueField, problems);
        if (problems.Count > 0)
        {
            var listed = string.Join("；", problems.Take(MaxListedProblems));
            return ([], problems.Count > MaxListedProblems ? $"{listed}；等共{problems.Count}处错误" : listed);
        }

        return values.Count == 0 ? ([], "数据源没有返回任何数据行") : (values, null);
    }

    /// <summary>How a position is named in messages.</summary>
    public static string Describe(CaptureFormat format, int position) => format == CaptureFormat.Csv ? $"第{position}行" : $"第{position}条";

    private static List<CapturedValue> ReadJson(string text, string branchField, string valueField, List<string> problems)
    {
        var values = new List<CapturedValue>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            problems.Add($"数据源返回的内容不是有效的 JSON（第{(e.LineNumber ?? 0) + 1}行附近）");
            return values;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"JSON 顶层应为数组（每个支部一个对象），实际为{Kind(document.RootElement.ValueKind)}");
                return values;
            }

            var position = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                position++;
                var where = Describe(CaptureFormat.Json, position);
                if (item.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{where}应为对象，实际为{Kind(item.ValueKind)}");
                    continue;
                }

                var branch = item.TryGetProperty(branchField, out var b) ? Scalar(b) : null;
                var value = item.TryGetProperty(valueField, out var v) ? Scalar(v) : null;
                Add(values, problems, where, position, branchField, branch, valueField, value, item.TryGetProperty(branchField, out _), item.TryGetProperty(valueField, out _));
            }
        }

        return values;
    }

    private static List<CapturedValue> ReadCsv(string text, string branchField, string valueField, List<string> problems)
    {
        var values = new List<CapturedValue>();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            problems.Add("CSV 第1行应为表头（列名）");
            return values;
        }

        var header = Fields(lines[0]).Select(h => h.Trim()).ToList();
        var branchColumn = header.IndexOf(branchField);
        var valueColumn = header.IndexOf(valueField);
        foreach (var (field, column) in new[] { (branchField, branchColumn), (valueField, valueColumn) })
        {
            if (column < 0)
            {
                problems.Add($"CSV 表头缺少列“{field}”（表头：{string.Join("、", header)}）");
            }
        }

        if (problems.Count > 0)
        {
            return values;
        }

        for (var i = 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var line = i + 1;
            var where = Describe(CaptureFormat.Csv, line);
            var fields = Fields(lines[i]);
            if (fields.Count != header.Count)
            {
                problems.Add($"{where}有{fields.Count}列，表头有{header.Count}列");
                continue;
            }

            Add(values, problems, where, line, branchField, fields[branchColumn].Trim(), valueField, fields[valueColumn].Trim(), true, true);
        }

        return values;
    }

    private static void Add(List<CapturedValue> values, List<string> problems, string where, int position, string branchField, string? branch, string valueField, string? value, bool hasBranch, bool hasValue)
    {
        if (!hasBranch || !hasValue)
        {
            problems.Add($"{where}缺少字段“{(hasBranch ? valueField : branchField)}”");
            return;
        }

        if (string.IsNullOrWhiteSpace(branch))
        {
            problems.Add($"{where}的字段“{branchField}”（支部编码）为空");
            return;
        }

        if (!EvidenceValues.TryParseNumber(value, out var number))
        {
            problems.Add(string.IsNullOrWhiteSpace(value)
                ? $"{where}的字段“{valueField}”为空"
                : $"{where}的字段“{valueField}”的值“{Shorten(value!)}”不是数字");
            return;
        }

        if (Math.Abs(number) > EvidenceValues.MaxKpiMagnitude)
        {
            problems.Add($"{where}的字段“{valueField}”的值{number}超出范围");
            return;
        }

        // Another system's rates may carry more decimals than a KPI keeps: rounded, not refused.
        values.Add(new CapturedValue(position, branch.Trim(), Math.Round(number, EvidenceValues.KpiDecimals, MidpointRounding.AwayFromZero)));
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.Null => null,
        _ => element.GetRawText(),
    };

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "对象",
        JsonValueKind.Array => "数组",
        JsonValueKind.String => "字符串",
        JsonValueKind.Number => "数字",
        JsonValueKind.True or JsonValueKind.False => "布尔值",
        _ => "空值",
    };

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";

    /// <summary>The fields of one CSV line: comma-separated, a field in double quotes may hold commas and doubled quotes.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
