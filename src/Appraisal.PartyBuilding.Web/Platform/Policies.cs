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
    /// <summary>File an appeal (申辩) against the own branch's score: the branch secretary.</summary>
    public const string FileAppeals = nameof(FileAppeals);

    /// <summary>Decide appeals (within scope, never one's own score): the 组织部 and assessors.</summary>
    public const string DecideAppeals = nameof(DecideAppeals);

    /// <summary>See appeals within scope.</summary>
    public const string ReadAppeals = nameof(ReadAppeals);

    /// <summary>Edit the incentive coefficient table and export incentives for payroll: the 组织部.</summary>
    public const string ManageIncentives = nameof(ManageIncentives);

    /// <summary>See the coefficient table and a final period's incentives within scope: the 组织部 and leaders.</summary>
    public const string ReadIncentives = nameof(ReadIncentives);

    /// <summary>See rectification items and reminders within scope.</summary>
    public const string ReadRectification = nameof(ReadRectification);

    /// <summary>Report rectification progress for the own branch: the branch secretary.</summary>
    public const string ReportRectification = nameof(ReportRectification);

    /// <summary>Sign off or send back rectification items of branches below: leaders.</summary>
    public const string ReviewRectification = nameof(ReviewRectification);

    /// <summary>See the health early warnings (健康度预警) within scope.</summary>
    public const string ReadHealthWarnings = nameof(ReadHealthWarnings);

    /// <summary>Create surveys, issue their invitations, close them and read their results (within scope): the 组织部 and assessors.</summary>
    public const string ManageSurveys = nameof(ManageSurveys);

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
        options.AddPolicy(FileAppeals, p => p.RequireRole(Role.Secretary));
        options.AddPolicy(DecideAppeals, p => p.RequireRole(Role.OrgAdmin, Role.Assessor));
        options.AddPolicy(ReadAppeals, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
        options.AddPolicy(ManageIncentives, p => p.RequireRole(Role.OrgAdmin));
        options.AddPolicy(ReadIncentives, p => p.RequireRole(Role.OrgAdmin, Role.Leader));
        options.AddPolicy(ReadRectification, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
        options.AddPolicy(ReportRectification, p => p.RequireRole(Role.Secretary));
        options.AddPolicy(ReviewRectification, p => p.RequireRole(Role.Leader));
        options.AddPolicy(ManageSurveys, p => p.RequireRole(Role.OrgAdmin, Role.Assessor));
        options.AddPolicy(ReadHealthWarnings, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
    }
}
