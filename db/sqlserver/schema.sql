IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] bigint NOT NULL,
        [Actor] nvarchar(50) NOT NULL,
        [Action] nvarchar(50) NOT NULL,
        [Target] nvarchar(200) NOT NULL,
        [Detail] nvarchar(4000) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(200) NULL,
        [Xml] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [IncentiveCoefficients] (
        [Id] int NOT NULL IDENTITY,
        [Grade] nvarchar(20) NOT NULL,
        [Coefficient] decimal(5,2) NOT NULL,
        [UpdatedBy] nvarchar(50) NOT NULL,
        [UpdatedAt] bigint NOT NULL,
        CONSTRAINT [PK_IncentiveCoefficients] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [InstalledPacks] (
        [Id] int NOT NULL IDENTITY,
        [PackId] nvarchar(100) NOT NULL,
        [Version] nvarchar(50) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Digest] nvarchar(64) NOT NULL,
        [Folder] nvarchar(300) NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        [Enabled] bit NOT NULL,
        [InstalledBy] nvarchar(50) NOT NULL,
        [InstalledAt] bigint NOT NULL,
        [ChangedBy] nvarchar(50) NULL,
        [ChangedAt] bigint NULL,
        CONSTRAINT [PK_InstalledPacks] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [Organizations] (
        [Id] int NOT NULL IDENTITY,
        [Code] nvarchar(50) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [ParentId] int NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Path] nvarchar(1000) NOT NULL,
        [CategoryCode] nvarchar(100) NULL,
        [MemberCount] int NOT NULL,
        [CommitteeSize] int NOT NULL,
        CONSTRAINT [PK_Organizations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Organizations_Organizations_ParentId] FOREIGN KEY ([ParentId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [Periods] (
        [Id] int NOT NULL IDENTITY,
        [Year] int NOT NULL,
        [Quarter] int NOT NULL,
        [State] nvarchar(20) NOT NULL,
        [OpenedAt] bigint NOT NULL,
        [OpenedBy] nvarchar(50) NOT NULL,
        [ScoringStartedAt] bigint NULL,
        [PublishedAt] bigint NULL,
        [AppealsCloseAt] bigint NULL,
        [FinalizedAt] bigint NULL,
        CONSTRAINT [PK_Periods] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [EvidenceEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [BranchId] int NOT NULL,
        [Date] date NOT NULL,
        [EventType] nvarchar(100) NOT NULL,
        [Description] nvarchar(500) NULL,
        [Approved] bit NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        [EnteredBy] nvarchar(50) NOT NULL,
        [EnteredAt] bigint NOT NULL,
        CONSTRAINT [PK_EvidenceEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_EvidenceEvents_Organizations_BranchId] FOREIGN KEY ([BranchId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [KpiValues] (
        [Id] bigint NOT NULL IDENTITY,
        [BranchId] int NOT NULL,
        [Year] int NOT NULL,
        [Quarter] int NOT NULL,
        [KpiCode] nvarchar(100) NOT NULL,
        [Value] decimal(18,4) NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        [EnteredBy] nvarchar(50) NOT NULL,
        [EnteredAt] bigint NOT NULL,
        CONSTRAINT [PK_KpiValues] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_KpiValues_Organizations_BranchId] FOREIGN KEY ([BranchId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [MeetingRecords] (
        [Id] bigint NOT NULL IDENTITY,
        [BranchId] int NOT NULL,
        [Type] nvarchar(20) NOT NULL,
        [Date] date NOT NULL,
        [Expected] int NOT NULL,
        [Present] int NOT NULL,
        [Topic] nvarchar(200) NOT NULL,
        [GroupName] nvarchar(50) NULL,
        [Minutes] nvarchar(max) NULL,
        [Status] nvarchar(20) NOT NULL,
        [ReviewOpinion] nvarchar(1000) NULL,
        [CreatedAt] bigint NOT NULL,
        CONSTRAINT [PK_MeetingRecords] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MeetingRecords_Organizations_BranchId] FOREIGN KEY ([BranchId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [PartyGroups] (
        [Id] int NOT NULL IDENTITY,
        [OrganizationId] int NOT NULL,
        [Name] nvarchar(50) NOT NULL,
        CONSTRAINT [PK_PartyGroups] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PartyGroups_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [RatingAnswers] (
        [Id] bigint NOT NULL IDENTITY,
        [BranchId] int NOT NULL,
        [Year] int NOT NULL,
        [Quarter] int NOT NULL,
        [Question] nvarchar(100) NOT NULL,
        [RaterGroup] nvarchar(20) NOT NULL,
        [Score] decimal(5,2) NOT NULL,
        [RaterReference] nvarchar(100) NULL,
        [Source] nvarchar(20) NOT NULL,
        [EnteredBy] nvarchar(50) NOT NULL,
        [EnteredAt] bigint NOT NULL,
        CONSTRAINT [PK_RatingAnswers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RatingAnswers_Organizations_BranchId] FOREIGN KEY ([BranchId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [Reminders] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] int NOT NULL,
        [Kind] nvarchar(50) NOT NULL,
        [Key] nvarchar(50) NOT NULL,
        [Message] nvarchar(1000) NOT NULL,
        [CreatedAt] bigint NOT NULL,
        [UpdatedAt] bigint NOT NULL,
        CONSTRAINT [PK_Reminders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Reminders_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [Users] (
        [Id] int NOT NULL IDENTITY,
        [Login] nvarchar(50) NOT NULL,
        [DisplayName] nvarchar(100) NOT NULL,
        [PasswordHash] nvarchar(500) NOT NULL,
        [Role] nvarchar(20) NOT NULL,
        [OrganizationId] int NOT NULL,
        [FailedSignInCount] int NOT NULL,
        [LockedUntil] bigint NULL,
        [CreatedAt] bigint NOT NULL,
        CONSTRAINT [PK_Users] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Users_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [Appeals] (
        [Id] bigint NOT NULL IDENTITY,
        [PeriodId] int NOT NULL,
        [BranchId] int NOT NULL,
        [IndicatorCode] nvarchar(100) NOT NULL,
        [Reason] nvarchar(1000) NOT NULL,
        [Evidence] nvarchar(2000) NOT NULL,
        [FiledBy] nvarchar(50) NOT NULL,
        [FiledAt] bigint NOT NULL,
        [OriginalScore] decimal(9,2) NOT NULL,
        [MaxScore] decimal(9,2) NOT NULL,
        [OriginalExplanation] nvarchar(2000) NOT NULL,
        [OriginalScorer] nvarchar(50) NOT NULL,
        [State] nvarchar(20) NOT NULL,
        [OpenMarker] bit NULL,
        [DecidedBy] nvarchar(50) NULL,
        [DecidedAt] bigint NULL,
        [Opinion] nvarchar(1000) NULL,
        [NewScore] decimal(9,2) NULL,
        CONSTRAINT [PK_Appeals] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Appeals_Organizations_BranchId] FOREIGN KEY ([BranchId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Appeals_Periods_PeriodId] FOREIGN KEY ([PeriodId]) REFERENCES [Periods] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [BranchResults] (
        [Id] bigint NOT NULL IDENTITY,
        [PeriodId] int NOT NULL,
        [BranchId] int NOT NULL,
        [CategoryCode] nvarchar(100) NOT NULL,
        [Total] decimal(9,2) NOT NULL,
        [MaxPoints] decimal(9,2) NOT NULL,
        [Grade] nvarchar(20) NOT NULL,
        [Rank] int NOT NULL,
        [Percentile] decimal(5,2) NOT NULL,
        [GradeExplanation] nvarchar(2000) NOT NULL,
        [ComputedAt] bigint NOT NULL,
        CONSTRAINT [PK_BranchResults] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BranchResults_Organizations_BranchId] FOREIGN KEY ([BranchId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BranchResults_Periods_PeriodId] FOREIGN KEY ([PeriodId]) REFERENCES [Periods] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [ManualScores] (
        [Id] bigint NOT NULL IDENTITY,
        [PeriodId] int NOT NULL,
        [BranchId] int NOT NULL,
        [IndicatorCode] nvarchar(100) NOT NULL,
        [Score] decimal(9,2) NOT NULL,
        [Evidence] nvarchar(2000) NOT NULL,
        [Comment] nvarchar(500) NOT NULL,
        [Assessor] nvarchar(50) NOT NULL,
        [At] bigint NOT NULL,
        CONSTRAINT [PK_ManualScores] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ManualScores_Organizations_BranchId] FOREIGN KEY ([BranchId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ManualScores_Periods_PeriodId] FOREIGN KEY ([PeriodId]) REFERENCES [Periods] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [PeriodPacks] (
        [Id] int NOT NULL IDENTITY,
        [PeriodId] int NOT NULL,
        [PackId] nvarchar(100) NOT NULL,
        [Version] nvarchar(50) NOT NULL,
        CONSTRAINT [PK_PeriodPacks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PeriodPacks_Periods_PeriodId] FOREIGN KEY ([PeriodId]) REFERENCES [Periods] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [QuarterlyReports] (
        [Id] int NOT NULL IDENTITY,
        [PeriodId] int NOT NULL,
        [Stamp] nvarchar(64) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [GeneratedAt] bigint NOT NULL,
        CONSTRAINT [PK_QuarterlyReports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_QuarterlyReports_Periods_PeriodId] FOREIGN KEY ([PeriodId]) REFERENCES [Periods] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [RectificationItems] (
        [Id] bigint NOT NULL IDENTITY,
        [PeriodId] int NOT NULL,
        [BranchId] int NOT NULL,
        [IndicatorCode] nvarchar(100) NOT NULL,
        [IndicatorName] nvarchar(200) NOT NULL,
        [Score] decimal(9,2) NOT NULL,
        [MaxScore] decimal(9,2) NOT NULL,
        [PassScore] decimal(9,2) NOT NULL,
        [Reasons] nvarchar(1000) NOT NULL,
        [OwnerLogin] nvarchar(50) NULL,
        [Deadline] date NOT NULL,
        [State] nvarchar(20) NOT NULL,
        [CreatedAt] bigint NOT NULL,
        [RecheckPeriodId] int NULL,
        [RecheckScore] decimal(9,2) NULL,
        CONSTRAINT [PK_RectificationItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RectificationItems_Organizations_BranchId] FOREIGN KEY ([BranchId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RectificationItems_Periods_PeriodId] FOREIGN KEY ([PeriodId]) REFERENCES [Periods] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_RectificationItems_Periods_RecheckPeriodId] FOREIGN KEY ([RecheckPeriodId]) REFERENCES [Periods] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [MeetingAttachments] (
        [Id] bigint NOT NULL IDENTITY,
        [MeetingRecordId] bigint NOT NULL,
        [StoredName] nvarchar(100) NOT NULL,
        [FileName] nvarchar(200) NOT NULL,
        [ContentType] nvarchar(50) NOT NULL,
        [Size] bigint NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [UploadedAt] bigint NOT NULL,
        [UploadedBy] nvarchar(50) NOT NULL,
        CONSTRAINT [PK_MeetingAttachments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MeetingAttachments_MeetingRecords_MeetingRecordId] FOREIGN KEY ([MeetingRecordId]) REFERENCES [MeetingRecords] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [MeetingRecordEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [MeetingRecordId] bigint NOT NULL,
        [At] bigint NOT NULL,
        [Actor] nvarchar(50) NOT NULL,
        [Action] nvarchar(30) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Opinion] nvarchar(1000) NULL,
        [Changes] nvarchar(4000) NULL,
        CONSTRAINT [PK_MeetingRecordEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MeetingRecordEvents_MeetingRecords_MeetingRecordId] FOREIGN KEY ([MeetingRecordId]) REFERENCES [MeetingRecords] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [MinutesBands] (
        [MeetingRecordId] bigint NOT NULL,
        [Band] int NOT NULL,
        [Hash] bigint NOT NULL,
        CONSTRAINT [PK_MinutesBands] PRIMARY KEY ([MeetingRecordId], [Band]),
        CONSTRAINT [FK_MinutesBands_MeetingRecords_MeetingRecordId] FOREIGN KEY ([MeetingRecordId]) REFERENCES [MeetingRecords] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [MinutesMatches] (
        [Id] bigint NOT NULL IDENTITY,
        [MeetingRecordId] bigint NOT NULL,
        [OtherRecordId] bigint NOT NULL,
        [Similarity] decimal(5,4) NOT NULL,
        [FoundAt] bigint NOT NULL,
        CONSTRAINT [PK_MinutesMatches] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MinutesMatches_MeetingRecords_MeetingRecordId] FOREIGN KEY ([MeetingRecordId]) REFERENCES [MeetingRecords] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_MinutesMatches_MeetingRecords_OtherRecordId] FOREIGN KEY ([OtherRecordId]) REFERENCES [MeetingRecords] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [ApiTokens] (
        [Id] int NOT NULL IDENTITY,
        [UserAccountId] int NOT NULL,
        [Hash] nvarchar(64) NOT NULL,
        [Prefix] nvarchar(12) NOT NULL,
        [CreatedAt] bigint NOT NULL,
        [RevokedAt] bigint NULL,
        CONSTRAINT [PK_ApiTokens] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ApiTokens_Users_UserAccountId] FOREIGN KEY ([UserAccountId]) REFERENCES [Users] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [BranchIndicatorScores] (
        [Id] bigint NOT NULL IDENTITY,
        [BranchResultId] bigint NOT NULL,
        [Code] nvarchar(100) NOT NULL,
        [DimensionCode] nvarchar(100) NOT NULL,
        [Score] decimal(9,2) NOT NULL,
        [MaxScore] decimal(9,2) NOT NULL,
        [Explanation] nvarchar(2000) NOT NULL,
        CONSTRAINT [PK_BranchIndicatorScores] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BranchIndicatorScores_BranchResults_BranchResultId] FOREIGN KEY ([BranchResultId]) REFERENCES [BranchResults] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [RectificationEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [ItemId] bigint NOT NULL,
        [At] bigint NOT NULL,
        [Actor] nvarchar(50) NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Text] nvarchar(2000) NOT NULL,
        CONSTRAINT [PK_RectificationEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RectificationEntries_RectificationItems_ItemId] FOREIGN KEY ([ItemId]) REFERENCES [RectificationItems] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE TABLE [RectificationReminders] (
        [Id] bigint NOT NULL IDENTITY,
        [ItemId] bigint NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Deadline] date NOT NULL,
        [RecipientOrganizationId] int NOT NULL,
        [At] bigint NOT NULL,
        [Message] nvarchar(500) NOT NULL,
        CONSTRAINT [PK_RectificationReminders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RectificationReminders_Organizations_RecipientOrganizationId] FOREIGN KEY ([RecipientOrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RectificationReminders_RectificationItems_ItemId] FOREIGN KEY ([ItemId]) REFERENCES [RectificationItems] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiTokens_Hash] ON [ApiTokens] ([Hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_ApiTokens_UserAccountId] ON [ApiTokens] ([UserAccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_Appeals_BranchId] ON [Appeals] ([BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Appeals_PeriodId_BranchId_IndicatorCode_OpenMarker] ON [Appeals] ([PeriodId], [BranchId], [IndicatorCode], [OpenMarker]) WHERE [OpenMarker] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_BranchIndicatorScores_BranchResultId] ON [BranchIndicatorScores] ([BranchResultId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_BranchResults_BranchId] ON [BranchResults] ([BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BranchResults_PeriodId_BranchId] ON [BranchResults] ([PeriodId], [BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_EvidenceEvents_BranchId] ON [EvidenceEvents] ([BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_EvidenceEvents_Date_BranchId] ON [EvidenceEvents] ([Date], [BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_IncentiveCoefficients_Grade] ON [IncentiveCoefficients] ([Grade]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InstalledPacks_PackId_Version] ON [InstalledPacks] ([PackId], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_KpiValues_BranchId] ON [KpiValues] ([BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_KpiValues_Year_Quarter_BranchId_KpiCode] ON [KpiValues] ([Year], [Quarter], [BranchId], [KpiCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_ManualScores_BranchId] ON [ManualScores] ([BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ManualScores_PeriodId_BranchId_IndicatorCode] ON [ManualScores] ([PeriodId], [BranchId], [IndicatorCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_MeetingAttachments_MeetingRecordId] ON [MeetingAttachments] ([MeetingRecordId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MeetingAttachments_StoredName] ON [MeetingAttachments] ([StoredName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_MeetingRecordEvents_MeetingRecordId_At] ON [MeetingRecordEvents] ([MeetingRecordId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_MeetingRecords_BranchId_Date] ON [MeetingRecords] ([BranchId], [Date]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_MinutesBands_Hash_Band] ON [MinutesBands] ([Hash], [Band]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MinutesMatches_MeetingRecordId_OtherRecordId] ON [MinutesMatches] ([MeetingRecordId], [OtherRecordId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_MinutesMatches_OtherRecordId] ON [MinutesMatches] ([OtherRecordId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Organizations_Code] ON [Organizations] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_ParentId] ON [Organizations] ([ParentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_Path] ON [Organizations] ([Path]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PartyGroups_OrganizationId_Name] ON [PartyGroups] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PeriodPacks_PeriodId_PackId] ON [PeriodPacks] ([PeriodId], [PackId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Periods_Year_Quarter] ON [Periods] ([Year], [Quarter]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_QuarterlyReports_PeriodId] ON [QuarterlyReports] ([PeriodId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_RatingAnswers_BranchId] ON [RatingAnswers] ([BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_RatingAnswers_Year_Quarter_BranchId_Question] ON [RatingAnswers] ([Year], [Quarter], [BranchId], [Question]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_RectificationEntries_ItemId] ON [RectificationEntries] ([ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_RectificationItems_BranchId] ON [RectificationItems] ([BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RectificationItems_PeriodId_BranchId_IndicatorCode] ON [RectificationItems] ([PeriodId], [BranchId], [IndicatorCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_RectificationItems_RecheckPeriodId] ON [RectificationItems] ([RecheckPeriodId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_RectificationItems_State_Deadline] ON [RectificationItems] ([State], [Deadline]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RectificationReminders_ItemId_Kind_Deadline] ON [RectificationReminders] ([ItemId], [Kind], [Deadline]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_RectificationReminders_RecipientOrganizationId] ON [RectificationReminders] ([RecipientOrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Reminders_OrganizationId_Kind_Key] ON [Reminders] ([OrganizationId], [Kind], [Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Users_Login] ON [Users] ([Login]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    CREATE INDEX [IX_Users_OrganizationId] ON [Users] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'ParentId', N'Kind', N'Path', N'CategoryCode', N'MemberCount', N'CommitteeSize') AND [object_id] = OBJECT_ID(N'[Organizations]'))
        SET IDENTITY_INSERT [Organizations] ON;
    EXEC(N'INSERT INTO [Organizations] ([Code], [Name], [ParentId], [Kind], [Path], [CategoryCode], [MemberCount], [CommitteeSize])
    VALUES (N''ROOT'', N''根组织'', NULL, N''PartyCommittee'', N''/ROOT/'', NULL, 0, 0)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'ParentId', N'Kind', N'Path', N'CategoryCode', N'MemberCount', N'CommitteeSize') AND [object_id] = OBJECT_ID(N'[Organizations]'))
        SET IDENTITY_INSERT [Organizations] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204170004_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204170004_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204175330_AddSurveys'
)
BEGIN
    CREATE TABLE [Surveys] (
        [Id] int NOT NULL IDENTITY,
        [PeriodId] int NOT NULL,
        [BranchId] int NOT NULL,
        [Title] nvarchar(100) NOT NULL,
        [OpensOn] date NOT NULL,
        [ClosesOn] date NOT NULL,
        [CreatedBy] nvarchar(50) NOT NULL,
        [CreatedAt] bigint NOT NULL,
        [ClosedAt] bigint NULL,
        [ClosedBy] nvarchar(50) NULL,
        CONSTRAINT [PK_Surveys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Surveys_Organizations_BranchId] FOREIGN KEY ([BranchId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Surveys_Periods_PeriodId] FOREIGN KEY ([PeriodId]) REFERENCES [Periods] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204175330_AddSurveys'
)
BEGIN
    CREATE TABLE [SurveyInvitations] (
        [Id] bigint NOT NULL IDENTITY,
        [SurveyId] int NOT NULL,
        [TokenHash] nvarchar(64) NOT NULL,
        [RaterGroup] nvarchar(20) NOT NULL,
        [IssuedBy] nvarchar(50) NOT NULL,
        [IssuedAt] bigint NOT NULL,
        [AnsweredAt] bigint NULL,
        CONSTRAINT [PK_SurveyInvitations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SurveyInvitations_Surveys_SurveyId] FOREIGN KEY ([SurveyId]) REFERENCES [Surveys] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204175330_AddSurveys'
)
BEGIN
    CREATE INDEX [IX_SurveyInvitations_SurveyId] ON [SurveyInvitations] ([SurveyId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204175330_AddSurveys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SurveyInvitations_TokenHash] ON [SurveyInvitations] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204175330_AddSurveys'
)
BEGIN
    CREATE INDEX [IX_Surveys_BranchId] ON [Surveys] ([BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204175330_AddSurveys'
)
BEGIN
    CREATE INDEX [IX_Surveys_PeriodId_BranchId] ON [Surveys] ([PeriodId], [BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204175330_AddSurveys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204175330_AddSurveys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    ALTER TABLE [MeetingRecords] ADD [Version] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [Hash] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [OrganizationPath] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [Sequence] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    CREATE TABLE [AuditChainHeads] (
        [Id] int NOT NULL,
        [Sequence] bigint NOT NULL,
        [Hash] nvarchar(64) NOT NULL,
        [Seal] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_AuditChainHeads] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    CREATE TABLE [IndicatorScorers] (
        [Id] bigint NOT NULL IDENTITY,
        [PeriodId] int NOT NULL,
        [BranchId] int NOT NULL,
        [IndicatorCode] nvarchar(100) NOT NULL,
        [Login] nvarchar(50) NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        [At] bigint NOT NULL,
        CONSTRAINT [PK_IndicatorScorers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UX_MeetingRecords_GroupMeeting] ON [MeetingRecords] ([BranchId], [Type], [Date], [GroupName]) WHERE "GroupName" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UX_MeetingRecords_Meeting] ON [MeetingRecords] ([BranchId], [Type], [Date]) WHERE "GroupName" IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_OrganizationPath] ON [AuditEntries] ([OrganizationPath]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AuditEntries_Sequence] ON [AuditEntries] ([Sequence]) WHERE [Sequence] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    CREATE UNIQUE INDEX [UX_IndicatorScorers_Scorer] ON [IndicatorScorers] ([PeriodId], [BranchId], [IndicatorCode], [Login], [Source]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    INSERT INTO "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source", "At")
    SELECT "PeriodId", "BranchId", "IndicatorCode", "Assessor", 'Manual', "At" FROM "ManualScores";
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    INSERT INTO "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source", "At")
    SELECT "PeriodId", "BranchId", "IndicatorCode", "DecidedBy", 'Appeal', min("DecidedAt") FROM "Appeals"
    WHERE "State" = 'Upheld' AND "DecidedBy" IS NOT NULL
    GROUP BY "PeriodId", "BranchId", "IndicatorCode", "DecidedBy";
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204180944_AuditChainMeetingKeyScorers'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204180944_AuditChainMeetingKeyScorers', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184007_AccountSecurity'
)
BEGIN
    ALTER TABLE [Users] ADD [SecurityStamp] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184007_AccountSecurity'
)
BEGIN
    ALTER TABLE [Users] ADD [TotpEnabledAt] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184007_AccountSecurity'
)
BEGIN
    ALTER TABLE [Users] ADD [TotpSecret] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184007_AccountSecurity'
)
BEGIN
    ALTER TABLE [ApiTokens] ADD [ExpiresAt] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184007_AccountSecurity'
)
BEGIN
    UPDATE "Users" SET "SecurityStamp" = REPLACE(LOWER(CONVERT(varchar(36), NEWID())), '-', '');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184007_AccountSecurity'
)
BEGIN
    UPDATE "ApiTokens" SET "ExpiresAt" = "CreatedAt" + 77760000000000;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184007_AccountSecurity'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204184007_AccountSecurity', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184256_VetoTriggered'
)
BEGIN
    ALTER TABLE [BranchIndicatorScores] ADD [VetoTriggered] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184256_VetoTriggered'
)
BEGIN
    UPDATE "BranchIndicatorScores" SET "VetoTriggered" = 1 WHERE "Explanation" LIKE N'一票否决：%';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184256_VetoTriggered'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204184256_VetoTriggered', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200549_AddCaptureSources'
)
BEGIN
    ALTER TABLE [KpiValues] ADD [CaptureSourceId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200549_AddCaptureSources'
)
BEGIN
    CREATE TABLE [CaptureSources] (
        [Id] int NOT NULL IDENTITY,
        [KpiCode] nvarchar(100) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Url] nvarchar(2000) NOT NULL,
        [Format] nvarchar(10) NOT NULL,
        [BranchField] nvarchar(100) NOT NULL,
        [ValueField] nvarchar(100) NOT NULL,
        [Cron] nvarchar(100) NOT NULL,
        [Enabled] bit NOT NULL,
        [TokenHeader] nvarchar(100) NULL,
        [ProtectedToken] nvarchar(4000) NULL,
        [LastSuccessAt] bigint NULL,
        [LastSuccessCount] int NULL,
        [LastFailureAt] bigint NULL,
        [LastFailure] nvarchar(2000) NULL,
        [UpdatedBy] nvarchar(50) NOT NULL,
        [UpdatedAt] bigint NOT NULL,
        [Failing] bit NOT NULL,
        CONSTRAINT [PK_CaptureSources] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200549_AddCaptureSources'
)
BEGIN
    CREATE INDEX [IX_KpiValues_CaptureSourceId] ON [KpiValues] ([CaptureSourceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200549_AddCaptureSources'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CaptureSources_KpiCode] ON [CaptureSources] ([KpiCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200549_AddCaptureSources'
)
BEGIN
    ALTER TABLE [KpiValues] ADD CONSTRAINT [FK_KpiValues_CaptureSources_CaptureSourceId] FOREIGN KEY ([CaptureSourceId]) REFERENCES [CaptureSources] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200549_AddCaptureSources'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204200549_AddCaptureSources', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204232437_AddRankingIndex'
)
BEGIN
    CREATE INDEX [IX_BranchResults_PeriodId_CategoryCode_Rank_BranchId] ON [BranchResults] ([PeriodId], [CategoryCode], [Rank], [BranchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204232437_AddRankingIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204232437_AddRankingIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205014202_AddPeriodResultsVersion'
)
BEGIN
    ALTER TABLE [Periods] ADD [ResultsVersion] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205014202_AddPeriodResultsVersion'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261205014202_AddPeriodResultsVersion', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206050251_AddIndicatorPeriod'
)
BEGIN
    ALTER TABLE [BranchIndicatorScores] ADD [PeriodId] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206050251_AddIndicatorPeriod'
)
BEGIN
    UPDATE i SET i.[PeriodId] = r.[PeriodId]
    FROM [BranchIndicatorScores] AS i INNER JOIN [BranchResults] AS r ON r.[Id] = i.[BranchResultId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206050251_AddIndicatorPeriod'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[BranchIndicatorScores]') AND [c].[name] = N'PeriodId');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [BranchIndicatorScores] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [BranchIndicatorScores] ALTER COLUMN [PeriodId] int NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206050251_AddIndicatorPeriod'
)
BEGIN
    CREATE INDEX [IX_BranchIndicatorScores_PeriodId] ON [BranchIndicatorScores] ([PeriodId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206050251_AddIndicatorPeriod'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206050251_AddIndicatorPeriod', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206094359_AddIndicatorTallies'
)
BEGIN
    CREATE TABLE [IndicatorTallies] (
        [PeriodId] int NOT NULL,
        [Code] nvarchar(100) NOT NULL,
        [MaxScore] decimal(9,2) NOT NULL,
        [Branches] int NOT NULL,
        [ScoreSum] decimal(18,2) NOT NULL,
        [FullMarks] int NOT NULL,
        [Zero] int NOT NULL,
        CONSTRAINT [PK_IndicatorTallies] PRIMARY KEY ([PeriodId], [Code], [MaxScore]),
        CONSTRAINT [FK_IndicatorTallies_Periods_PeriodId] FOREIGN KEY ([PeriodId]) REFERENCES [Periods] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206094359_AddIndicatorTallies'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206094359_AddIndicatorTallies', N'10.0.15');
END;

COMMIT;
GO

