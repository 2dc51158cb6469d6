using Appraisal.PartyBuilding.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// Named authorization policies. Every endpoint names one of these or is explicitly anonymous; a test fails
/// otherwise. Each policy lists the roles allowed: deny by default.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in account.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Read the organization tree (within scope). Not the auditor, who reads the audit log only.</summary>
    public const string ReadOrganizations = nameof(ReadOrganizations);

    /// <summary>Change the organization tree: the 组织部.</summary>
    public const string ManageOrganizations = nameof(ManageOrganizations);

    /// <summary>See installed packs and their categories.</summary>
    public const string ReadPacks = nameof(ReadPacks);

    /// <summary>Author (in Excel), install, upgrade, enable and disable packs and dry-run an upgrade: the 组织部.</summary>
    public const string ManagePacks = nameof(ManagePacks);

    /// <summary>Read the audit log: the auditor alone.</summary>
    public const string ReadAuditLog = nameof(ReadAuditLog);

    /// <summary>Open and move assessment periods: the 组织部.</summary>
    public const string ManagePeriods = nameof(ManagePeriods);

    /// <summary>See assessment periods. Not the auditor nor the system administrator.</summary>
    public const string ReadPeriods = nameof(ReadPeriods);

    /// <summary>Push or import KPI values, events and rating answers (within scope): the 组织部 and assessors.</summary>
    public const string EnterEvidence = nameof(EnterEvidence);

    /// <summary>Score manual indicators with evidence and a comment (within scope): the 组织部 and assessors.</summary>
    public const string ScoreManualIndicators = nameof(ScoreManualIndicators);

    /// <summary>Read meeting records and their completeness (within scope). Not the auditor nor the system administrator.</summary>
    public const string ReadRecords = nameof(ReadRecords);

    /// <summary>Enter, import and correct meeting records (within scope): the secretary for their branch, assessors and the 组织部 for their subtree.</summary>
    public const string SubmitRecords = nameof(SubmitRecords);

    /// <summary>Approve or return meeting records (within scope): assessors and the 组织部, the parent organization.</summary>
    public const string ReviewRecords = nameof(ReviewRecords);

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(ReadOrganizations, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader, Role.SysAdmin));
        options.AddPolicy(ManageOrganizations, p => p.RequireRole(Role.OrgAdmin));
        options.AddPolicy(ReadPacks, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
        options.AddPolicy(ReadAuditLog, p => p.RequireRole(Role.Auditor));
        options.AddPolicy(ManagePeriods, p => p.RequireRole(Role.OrgAdmin));
        options.AddPolicy(ReadPeriods, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
        options.AddPolicy(ManagePacks, p => p.RequireRole(Role.OrgAdmin));
        options.AddPolicy(EnterEvidence, p => p.RequireRole(Role.OrgAdmin, Role.Assessor));
        options.AddPolicy(ScoreManualIndicators, p => p.RequireRole(Role.OrgAdmin, Role.Assessor));
        options.AddPolicy(ReadRecords, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
        options.AddPolicy(SubmitRecords, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary));
        options.AddPolicy(ReviewRecords, p => p.RequireRole(Role.OrgAdmin, Role.Assessor));
    }
}
