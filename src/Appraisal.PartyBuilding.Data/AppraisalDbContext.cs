using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Auditing;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Incentives;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Packs;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Rectification;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Data;

/// <summary>
/// The one EF Core context and the one model of every provider. The schema comes from this model through the
/// EF Core migrations of <c>Migrations/{Provider}</c>, one set per provider, each owned by a subclass
/// (<see cref="Migrations.SqliteMigrationsContext"/>, ...) that only the <see cref="Schema.SchemaMigrator"/> uses.
/// </summary>
public class AppraisalDbContext : DbContext
{
    public AppraisalDbContext(DbContextOptions<AppraisalDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the per-provider migration contexts, which add nothing to the model.</summary>
    protected AppraisalDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<PartyGroup> PartyGroups => Set<PartyGroup>();

    public DbSet<UserAccount> Users => Set<UserAccount>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<MeetingRecord> MeetingRecords => Set<MeetingRecord>();

    public DbSet<MeetingRecordEvent> MeetingRecordEvents => Set<MeetingRecordEvent>();

    public DbSet<MeetingAttachment> MeetingAttachments => Set<MeetingAttachment>();

    public DbSet<MinutesBand> MinutesBands => Set<MinutesBand>();

    public DbSet<MinutesMatch> MinutesMatches => Set<MinutesMatch>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Period> Periods => Set<Period>();

    public DbSet<BranchResult> BranchResults => Set<BranchResult>();

    public DbSet<InstalledPack> InstalledPacks => Set<InstalledPack>();

    public DbSet<BranchKpiValue> KpiValues => Set<BranchKpiValue>();

    public DbSet<BranchEvent> EvidenceEvents => Set<BranchEvent>();

    public DbSet<BranchRating> RatingAnswers => Set<BranchRating>();

    public DbSet<BranchManualScore> ManualScores => Set<BranchManualScore>();

    public DbSet<Appeal> Appeals => Set<Appeal>();

    public DbSet<IncentiveCoefficient> IncentiveCoefficients => Set<IncentiveCoefficient>();

    public DbSet<RectificationItem> RectificationItems => Set<RectificationItem>();

    public DbSet<RectificationEntry> RectificationEntries => Set<RectificationEntry>();

    public DbSet<RectificationReminder> RectificationReminders => Set<RectificationReminder>();

    public DbSet<Core.Reminders.Reminder> Reminders => Set<Core.Reminders.Reminder>();

    public DbSet<Core.Reports.StoredReport> QuarterlyReports => Set<Core.Reports.StoredReport>();

    public DbSet<Core.Reports.StoredIndicatorTally> IndicatorTallies => Set<Core.Reports.StoredIndicatorTally>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Core.Surveys.Survey> Surveys => Set<Core.Surveys.Survey>();

    public DbSet<Core.Surveys.SurveyInvitation> SurveyInvitations => Set<Core.Surveys.SurveyInvitation>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<IndicatorScorer> IndicatorScorers => Set<IndicatorScorer>();

    public DbSet<Core.Capture.CaptureSource> CaptureSources => Set<Core.Capture.CaptureSource>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppraisalDbContext).Assembly);

        // Optimistic concurrency. PostgreSQL changes a row's xmin system column on every update (Npgsql maps a uint row
        // version to it, no column of ours); SQLite has no such column, so a stored counter is bumped by SaveChanges.
        var version = modelBuilder.Entity<MeetingRecord>().Property(r => r.Version);
        if (Database.IsNpgsql())
        {
            version.IsRowVersion();
        }
        else
        {
            version.IsConcurrencyToken().HasDefaultValue(0u).HasSentinel(uint.MaxValue);
        }
    }

    /// <summary>
    /// Raises <see cref="Period.ResultsVersion"/> in one atomic statement, inside the caller's transaction: two writers at
    /// once get two versions, never the same one. And deletes the period's stored indicator tally, which described the
    /// results before the change (a whole scoring stores the new one after this).
    /// </summary>
    /// <returns>The number of periods raised: 1, or 0 when there is no such period.</returns>
    public async Task<int> NoteResultsChangedAsync(int periodId, CancellationToken cancellationToken)
    {
        var raised = await Periods.Where(p => p.Id == periodId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ResultsVersion, p => p.ResultsVersion + 1), cancellationToken);
        await IndicatorTallies.Where(t => t.PeriodId == periodId).ExecuteDeleteAsync(cancellationToken);
        return raised;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>On SQLite the concurrency counter of every changed record goes up by one (PostgreSQL does it itself).</summary>
    private void BumpVersions()
    {
        if (Database.IsNpgsql())
        {
            return;
        }

        foreach (var entry in ChangeTracker.Entries<MeetingRecord>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version = entry.Property(r => r.Version).OriginalValue + 1;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values; storing UTC ticks keeps both providers alike.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(200);
    }
}
