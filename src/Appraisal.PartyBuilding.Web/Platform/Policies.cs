using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// Named authorization policies. Every endpoint names one of these or is explicitly anonymous; a test fails
/// otherwise. Each policy lists the roles allowed: deny by default.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in account.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Between the password and the code of the second factor (the short-lived second-factor cookie).</summary>
    public const string SecondFactorPending = nameof(SecondFactorPending);

    /// <summary>See and revoke the API tokens of the accounts within scope: the system administrator.</summary>
    public const string ManageTokens = nameof(ManageTokens);

    /// <summary>Read the organization tree (within scope). Not the auditor, who reads the audit log only.</summary>
    public const string ReadOrganizations = nameof(ReadOrganizations);

    /// <summary>Change the organization tree: the 组织部.</summary>
    public const string ManageOrganizations = nameof(ManageOrganizations);

    /// <summary>See installed packs and their categories.</summary>
    public const string ReadPacks = nameof(ReadPacks);

    /// <summary>Author (in Excel), install, upgrade, enable and disable packs and dry-run an upgrade: the 组织部.</summary>
    public const string ManagePacks = nameof(ManagePacks);

    /// <summary>Install, enable and disable pack versions (pack code runs in the server): the root 组织部 only.</summary>
    public const string InstallPacks = nameof(InstallPacks);

    /// <summary>Read the audit log: the auditor alone.</summary>
    public const string ReadAuditLog = nameof(ReadAuditLog);

    /// <summary>
    /// Whole-organization writes: open, score and move assessment periods, edit the incentive coefficient table. Only the
    /// 组织部 of the root node; an org-admin of a sub-tree must not change what every branch is judged by. This policy is
    /// the one place that rule is enforced (<see cref="RootOrganizationHandler"/>).
    /// </summary>
    public const string RootOrgAdmin = nameof(RootOrgAdmin);

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

    /// <summary>Export a final period's incentives (within scope) for payroll: the 组织部.</summary>
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

    /// <summary>The leader dashboard of an organization within scope (grades, ranking, trend, health map, rectification): the 组织部 and leaders.</summary>
    public const string ReadDashboards = nameof(ReadDashboards);

    /// <summary>A branch's dashboard within scope (records due, score, improvement push): the secretary for their branch, and whoever reads results above it.</summary>
    public const string ReadBranchDashboard = nameof(ReadBranchDashboard);

    /// <summary>
    /// The background-job dashboard (/hangfire): the system administrator, who may also retry and delete jobs there.
    /// A role added to this policy later sees the dashboard read-only.
    /// </summary>
    public const string JobDashboard = nameof(JobDashboard);

    /// <summary>Create surveys, issue their invitations, close them and read their results (within scope): the 组织部 and assessors.</summary>
    public const string ManageSurveys = nameof(ManageSurveys);

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(SecondFactorPending, p => p.AddAuthenticationSchemes(SessionValidation.SecondFactorScheme).RequireAuthenticatedUser());
        options.AddPolicy(ManageTokens, p => p.RequireRole(Role.SysAdmin));
        options.AddPolicy(ReadOrganizations, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader, Role.SysAdmin));
        options.AddPolicy(ManageOrganizations, p => p.RequireRole(Role.OrgAdmin));
        options.AddPolicy(ReadPacks, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
        options.AddPolicy(ReadAuditLog, p => p.RequireRole(Role.Auditor));
        options.AddPolicy(RootOrgAdmin, p => p.RequireRole(Role.OrgAdmin).AddRequirements(new RootOrganizationRequirement()));
        options.AddPolicy(ReadPeriods, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
        options.AddPolicy(ManagePacks, p => p.RequireRole(Role.OrgAdmin));
        options.AddPolicy(InstallPacks, p => p.RequireRole(Role.OrgAdmin).AddRequirements(new RootOrganizationRequirement()));
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
        options.AddPolicy(JobDashboard, p => p.RequireRole(Role.SysAdmin));
        options.AddPolicy(ManageSurveys, p => p.RequireRole(Role.OrgAdmin, Role.Assessor));
        options.AddPolicy(ReadHealthWarnings, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
        options.AddPolicy(ReadDashboards, p => p.RequireRole(Role.OrgAdmin, Role.Leader));
        options.AddPolicy(ReadBranchDashboard, p => p.RequireRole(Role.OrgAdmin, Role.Assessor, Role.Secretary, Role.Leader));
    }
}

/// <summary>The account is scoped to the root of the organization tree.</summary>
public sealed class RootOrganizationRequirement : IAuthorizationRequirement;

/// <summary>Reads the account's node from the database on every check: an import may move nodes, a claim could be stale.</summary>
public sealed class RootOrganizationHandler(AppraisalDbContext db) : AuthorizationHandler<RootOrganizationRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RootOrganizationRequirement requirement)
    {
        if (int.TryParse(context.User.FindFirst(CurrentUser.OrganizationClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var organizationId)
            && await db.Organizations.AnyAsync(o => o.Id == organizationId && o.ParentId == null))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// Says why in Chinese when an API call fails only the root-node requirement (a sub-tree's 组织部); every other
/// outcome is the framework's (401/403 for the API, the sign-in or denied page for browsers).
/// </summary>
public sealed class RootOrganizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler framework = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && context.Request.Path.StartsWithSegments("/api")
            && authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() is [RootOrganizationRequirement])
        {
            await Results.Problem(
                    title: "无权执行此操作",
                    detail: "此操作作用于整个组织（考核期的开启、计分与状态变更，激励系数表），只有根组织的组织部账号可以执行。",
                    statusCode: StatusCodes.Status403Forbidden)
                .ExecuteAsync(context);
            return;
        }

        await framework.HandleAsync(next, context, policy, authorizeResult);
    }
}
