namespace Appraisal.PartyBuilding.Core.Accounts;

/// <summary>The roles of SPEC, by their codes. <c>rater</c> has no account and is therefore not listed.</summary>
public static class Role
{
    public const string OrgAdmin = "org-admin";
    public const string Assessor = "assessor";
    public const string Secretary = "secretary";
    public const string Leader = "leader";
    public const string Auditor = "auditor";
    public const string SysAdmin = "sys-admin";

    public static IReadOnlyList<string> All { get; } = [OrgAdmin, Assessor, Secretary, Leader, Auditor, SysAdmin];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);

    public static string DisplayName(string code) => code switch
    {
        OrgAdmin => "组织部",
        Assessor => "考核员",
        Secretary => "支部书记",
        Leader => "党委领导",
        Auditor => "审计员",
        SysAdmin => "系统管理员",
        _ => code,
    };
}
