namespace Appraisal.PartyBuilding.Core.AssessmentEvidence;

/// <summary>How a piece of evidence entered the system.</summary>
public enum EvidenceSource
{
    /// <summary>Pushed through the JSON API (another system or a script with a token).</summary>
    Api = 1,

    /// <summary>Imported from an .xlsx file.</summary>
    Import = 2,

    /// <summary>Loaded with the demo organization.</summary>
    Demo = 3,

    /// <summary>Answered through a survey invitation (一哨一评 / 群众满意度), without an account.</summary>
    Survey = 4,

    /// <summary>Pulled from another system's endpoint on schedule (无感考核): a <see cref="Capture.CaptureSource"/>.</summary>
    Capture = 5,
}

public static class EvidenceSources
{
    public static string DisplayName(this EvidenceSource source) => source switch
    {
        EvidenceSource.Api => "接口报送",
        EvidenceSource.Import => "Excel导入",
        EvidenceSource.Demo => "演示数据",
        EvidenceSource.Survey => "问卷调查",
        EvidenceSource.Capture => "自动采集",
        _ => source.ToString(),
    };
}
