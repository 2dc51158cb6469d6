CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);

CREATE TABLE "IncentiveCoefficients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IncentiveCoefficients" PRIMARY KEY AUTOINCREMENT,
    "Grade" TEXT NOT NULL,
    "Coefficient" TEXT NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "InstalledPacks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InstalledPacks" PRIMARY KEY AUTOINCREMENT,
    "PackId" TEXT NOT NULL,
    "Version" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Digest" TEXT NOT NULL,
    "Folder" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "InstalledBy" TEXT NOT NULL,
    "InstalledAt" INTEGER NOT NULL,
    "ChangedBy" TEXT NULL,
    "ChangedAt" INTEGER NULL
);

CREATE TABLE "Organizations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Organizations" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ParentId" INTEGER NULL,
    "Kind" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "CategoryCode" TEXT NULL,
    "MemberCount" INTEGER NOT NULL,
    "CommitteeSize" INTEGER NOT NULL,
    CONSTRAINT "FK_Organizations_Organizations_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Periods" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Periods" PRIMARY KEY AUTOINCREMENT,
    "Year" INTEGER NOT NULL,
    "Quarter" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "OpenedBy" TEXT NOT NULL,
    "ScoringStartedAt" INTEGER NULL,
    "PublishedAt" INTEGER NULL,
    "AppealsCloseAt" INTEGER NULL,
    "FinalizedAt" INTEGER NULL
);

CREATE TABLE "EvidenceEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EvidenceEvents" PRIMARY KEY AUTOINCREMENT,
    "BranchId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Approved" INTEGER NOT NULL,
    "Source" TEXT NOT NULL,
    "EnteredBy" TEXT NOT NULL,
    "EnteredAt" INTEGER NOT NULL,
    CONSTRAINT "FK_EvidenceEvents_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "KpiValues" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_KpiValues" PRIMARY KEY AUTOINCREMENT,
    "BranchId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Quarter" INTEGER NOT NULL,
    "KpiCode" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "EnteredBy" TEXT NOT NULL,
    "EnteredAt" INTEGER NOT NULL,
    CONSTRAINT "FK_KpiValues_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "MeetingRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MeetingRecords" PRIMARY KEY AUTOINCREMENT,
    "BranchId" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Expected" INTEGER NOT NULL,
    "Present" INTEGER NOT NULL,
    "Topic" TEXT NOT NULL,
    "GroupName" TEXT NULL,
    "Minutes" TEXT NULL,
    "Status" TEXT NOT NULL,
    "ReviewOpinion" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_MeetingRecords_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PartyGroups" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PartyGroups" PRIMARY KEY AUTOINCREMENT,
    "OrganizationId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_PartyGroups_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RatingAnswers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RatingAnswers" PRIMARY KEY AUTOINCREMENT,
    "BranchId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Quarter" INTEGER NOT NULL,
    "Question" TEXT NOT NULL,
    "RaterGroup" TEXT NOT NULL,
    "Score" TEXT NOT NULL,
    "RaterReference" TEXT NULL,
    "Source" TEXT NOT NULL,
    "EnteredBy" TEXT NOT NULL,
    "EnteredAt" INTEGER NOT NULL,
    CONSTRAINT "FK_RatingAnswers_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Reminders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Reminders" PRIMARY KEY AUTOINCREMENT,
    "OrganizationId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Message" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Reminders_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Users" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY AUTOINCREMENT,
    "Login" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "OrganizationId" INTEGER NOT NULL,
    "FailedSignInCount" INTEGER NOT NULL,
    "LockedUntil" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Users_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Appeals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Appeals" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "IndicatorCode" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "Evidence" TEXT NOT NULL,
    "FiledBy" TEXT NOT NULL,
    "FiledAt" INTEGER NOT NULL,
    "OriginalScore" TEXT NOT NULL,
    "MaxScore" TEXT NOT NULL,
    "OriginalExplanation" TEXT NOT NULL,
    "OriginalScorer" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "OpenMarker" INTEGER NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "Opinion" TEXT NULL,
    "NewScore" TEXT NULL,
    CONSTRAINT "FK_Appeals_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Appeals_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

CREATE TABLE "BranchResults" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BranchResults" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "CategoryCode" TEXT NOT NULL,
    "Total" TEXT NOT NULL,
    "MaxPoints" TEXT NOT NULL,
    "Grade" TEXT NOT NULL,
    "Rank" INTEGER NOT NULL,
    "Percentile" TEXT NOT NULL,
    "GradeExplanation" TEXT NOT NULL,
    "ComputedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_BranchResults_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_BranchResults_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ManualScores" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ManualScores" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "IndicatorCode" TEXT NOT NULL,
    "Score" TEXT NOT NULL,
    "Evidence" TEXT NOT NULL,
    "Comment" TEXT NOT NULL,
    "Assessor" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_ManualScores_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ManualScores_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PeriodPacks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PeriodPacks" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "PackId" TEXT NOT NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "FK_PeriodPacks_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

CREATE TABLE "QuarterlyReports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_QuarterlyReports" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "Stamp" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    "GeneratedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_QuarterlyReports_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RectificationItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RectificationItems" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "IndicatorCode" TEXT NOT NULL,
    "IndicatorName" TEXT NOT NULL,
    "Score" TEXT NOT NULL,
    "MaxScore" TEXT NOT NULL,
    "PassScore" TEXT NOT NULL,
    "Reasons" TEXT NOT NULL,
    "OwnerLogin" TEXT NULL,
    "Deadline" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RecheckPeriodId" INTEGER NULL,
    "RecheckScore" TEXT NULL,
    CONSTRAINT "FK_RectificationItems_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RectificationItems_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RectificationItems_Periods_RecheckPeriodId" FOREIGN KEY ("RecheckPeriodId") REFERENCES "Periods" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "MeetingAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MeetingAttachments" PRIMARY KEY AUTOINCREMENT,
    "MeetingRecordId" INTEGER NOT NULL,
    "StoredName" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "UploadedAt" INTEGER NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    CONSTRAINT "FK_MeetingAttachments_MeetingRecords_MeetingRecordId" FOREIGN KEY ("MeetingRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MeetingRecordEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MeetingRecordEvents" PRIMARY KEY AUTOINCREMENT,
    "MeetingRecordId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Opinion" TEXT NULL,
    "Changes" TEXT NULL,
    CONSTRAINT "FK_MeetingRecordEvents_MeetingRecords_MeetingRecordId" FOREIGN KEY ("MeetingRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MinutesBands" (
    "MeetingRecordId" INTEGER NOT NULL,
    "Band" INTEGER NOT NULL,
    "Hash" INTEGER NOT NULL,
    CONSTRAINT "PK_MinutesBands" PRIMARY KEY ("MeetingRecordId", "Band"),
    CONSTRAINT "FK_MinutesBands_MeetingRecords_MeetingRecordId" FOREIGN KEY ("MeetingRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MinutesMatches" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MinutesMatches" PRIMARY KEY AUTOINCREMENT,
    "MeetingRecordId" INTEGER NOT NULL,
    "OtherRecordId" INTEGER NOT NULL,
    "Similarity" TEXT NOT NULL,
    "FoundAt" INTEGER NOT NULL,
    CONSTRAINT "FK_MinutesMatches_MeetingRecords_MeetingRecordId" FOREIGN KEY ("MeetingRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MinutesMatches_MeetingRecords_OtherRecordId" FOREIGN KEY ("OtherRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ApiTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY AUTOINCREMENT,
    "UserAccountId" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL,
    CONSTRAINT "FK_ApiTokens_Users_UserAccountId" FOREIGN KEY ("UserAccountId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "BranchIndicatorScores" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BranchIndicatorScores" PRIMARY KEY AUTOINCREMENT,
    "BranchResultId" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "DimensionCode" TEXT NOT NULL,
    "Score" TEXT NOT NULL,
    "MaxScore" TEXT NOT NULL,
    "Explanation" TEXT NOT NULL,
    CONSTRAINT "FK_BranchIndicatorScores_BranchResults_BranchResultId" FOREIGN KEY ("BranchResultId") REFERENCES "BranchResults" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RectificationEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RectificationEntries" PRIMARY KEY AUTOINCREMENT,
    "ItemId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_RectificationEntries_RectificationItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "RectificationItems" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RectificationReminders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RectificationReminders" PRIMARY KEY AUTOINCREMENT,
    "ItemId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Deadline" TEXT NOT NULL,
    "RecipientOrganizationId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Message" TEXT NOT NULL,
    CONSTRAINT "FK_RectificationReminders_Organizations_RecipientOrganizationId" FOREIGN KEY ("RecipientOrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RectificationReminders_RectificationItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "RectificationItems" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ApiTokens_Hash" ON "ApiTokens" ("Hash");

CREATE INDEX "IX_ApiTokens_UserAccountId" ON "ApiTokens" ("UserAccountId");

CREATE INDEX "IX_Appeals_BranchId" ON "Appeals" ("BranchId");

CREATE UNIQUE INDEX "IX_Appeals_PeriodId_BranchId_IndicatorCode_OpenMarker" ON "Appeals" ("PeriodId", "BranchId", "IndicatorCode", "OpenMarker");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_BranchIndicatorScores_BranchResultId" ON "BranchIndicatorScores" ("BranchResultId");

CREATE INDEX "IX_BranchResults_BranchId" ON "BranchResults" ("BranchId");

CREATE UNIQUE INDEX "IX_BranchResults_PeriodId_BranchId" ON "BranchResults" ("PeriodId", "BranchId");

CREATE INDEX "IX_EvidenceEvents_BranchId" ON "EvidenceEvents" ("BranchId");

CREATE INDEX "IX_EvidenceEvents_Date_BranchId" ON "EvidenceEvents" ("Date", "BranchId");

CREATE UNIQUE INDEX "IX_IncentiveCoefficients_Grade" ON "IncentiveCoefficients" ("Grade");

CREATE UNIQUE INDEX "IX_InstalledPacks_PackId_Version" ON "InstalledPacks" ("PackId", "Version");

CREATE INDEX "IX_KpiValues_BranchId" ON "KpiValues" ("BranchId");

CREATE UNIQUE INDEX "IX_KpiValues_Year_Quarter_BranchId_KpiCode" ON "KpiValues" ("Year", "Quarter", "BranchId", "KpiCode");

CREATE INDEX "IX_ManualScores_BranchId" ON "ManualScores" ("BranchId");

CREATE UNIQUE INDEX "IX_ManualScores_PeriodId_BranchId_IndicatorCode" ON "ManualScores" ("PeriodId", "BranchId", "IndicatorCode");

CREATE INDEX "IX_MeetingAttachments_MeetingRecordId" ON "MeetingAttachments" ("MeetingRecordId");

CREATE UNIQUE INDEX "IX_MeetingAttachments_StoredName" ON "MeetingAttachments" ("StoredName");

CREATE INDEX "IX_MeetingRecordEvents_MeetingRecordId_At" ON "MeetingRecordEvents" ("MeetingRecordId", "At");

CREATE INDEX "IX_MeetingRecords_BranchId_Date" ON "MeetingRecords" ("BranchId", "Date");

CREATE INDEX "IX_MinutesBands_Hash_Band" ON "MinutesBands" ("Hash", "Band");

CREATE UNIQUE INDEX "IX_MinutesMatches_MeetingRecordId_OtherRecordId" ON "MinutesMatches" ("MeetingRecordId", "OtherRecordId");

CREATE INDEX "IX_MinutesMatches_OtherRecordId" ON "MinutesMatches" ("OtherRecordId");

CREATE UNIQUE INDEX "IX_Organizations_Code" ON "Organizations" ("Code");

CREATE INDEX "IX_Organizations_ParentId" ON "Organizations" ("ParentId");

CREATE INDEX "IX_Organizations_Path" ON "Organizations" ("Path");

CREATE UNIQUE INDEX "IX_PartyGroups_OrganizationId_Name" ON "PartyGroups" ("OrganizationId", "Name");

CREATE UNIQUE INDEX "IX_PeriodPacks_PeriodId_PackId" ON "PeriodPacks" ("PeriodId", "PackId");

CREATE UNIQUE INDEX "IX_Periods_Year_Quarter" ON "Periods" ("Year", "Quarter");

CREATE UNIQUE INDEX "IX_QuarterlyReports_PeriodId" ON "QuarterlyReports" ("PeriodId");

CREATE INDEX "IX_RatingAnswers_BranchId" ON "RatingAnswers" ("BranchId");

CREATE INDEX "IX_RatingAnswers_Year_Quarter_BranchId_Question" ON "RatingAnswers" ("Year", "Quarter", "BranchId", "Question");

CREATE INDEX "IX_RectificationEntries_ItemId" ON "RectificationEntries" ("ItemId");

CREATE INDEX "IX_RectificationItems_BranchId" ON "RectificationItems" ("BranchId");

CREATE UNIQUE INDEX "IX_RectificationItems_PeriodId_BranchId_IndicatorCode" ON "RectificationItems" ("PeriodId", "BranchId", "IndicatorCode");

CREATE INDEX "IX_RectificationItems_RecheckPeriodId" ON "RectificationItems" ("RecheckPeriodId");

CREATE INDEX "IX_RectificationItems_State_Deadline" ON "RectificationItems" ("State", "Deadline");

CREATE UNIQUE INDEX "IX_RectificationReminders_ItemId_Kind_Deadline" ON "RectificationReminders" ("ItemId", "Kind", "Deadline");

CREATE INDEX "IX_RectificationReminders_RecipientOrganizationId" ON "RectificationReminders" ("RecipientOrganizationId");

CREATE UNIQUE INDEX "IX_Reminders_OrganizationId_Kind_Key" ON "Reminders" ("OrganizationId", "Kind", "Key");

CREATE UNIQUE INDEX "IX_Users_Login" ON "Users" ("Login");

CREATE INDEX "IX_Users_OrganizationId" ON "Users" ("OrganizationId");

INSERT INTO "Organizations" ("Code", "Name", "ParentId", "Kind", "Path", "CategoryCode", "MemberCount", "CommitteeSize")
VALUES ('ROOT', '根组织', NULL, 'PartyCommittee', '/ROOT/', NULL, 0, 0);
SELECT changes();


INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204165925_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
PRAGMA defer_foreign_keys = ON;

WITH RECURSIVE "Reachable"("Id") AS (
    SELECT "Id" FROM "Organizations" WHERE "ParentId" IS NULL
    UNION
    SELECT o."Id" FROM "Organizations" o JOIN "Reachable" r ON o."ParentId" = r."Id")
DELETE FROM "Organizations" WHERE "Id" NOT IN (SELECT "Id" FROM "Reachable");

DELETE FROM "Users" WHERE "OrganizationId" NOT IN (SELECT "Id" FROM "Organizations");
DELETE FROM "ApiTokens" WHERE "UserAccountId" NOT IN (SELECT "Id" FROM "Users");
DELETE FROM "PartyGroups" WHERE "OrganizationId" NOT IN (SELECT "Id" FROM "Organizations");
DELETE FROM "Reminders" WHERE "OrganizationId" NOT IN (SELECT "Id" FROM "Organizations");

DELETE FROM "MeetingRecords" WHERE "BranchId" NOT IN (SELECT "Id" FROM "Organizations");
DELETE FROM "MeetingAttachments" WHERE "MeetingRecordId" NOT IN (SELECT "Id" FROM "MeetingRecords");
DELETE FROM "MeetingRecordEvents" WHERE "MeetingRecordId" NOT IN (SELECT "Id" FROM "MeetingRecords");
DELETE FROM "MinutesBands" WHERE "MeetingRecordId" NOT IN (SELECT "Id" FROM "MeetingRecords");
DELETE FROM "MinutesMatches" WHERE "MeetingRecordId" NOT IN (SELECT "Id" FROM "MeetingRecords")
    OR "OtherRecordId" NOT IN (SELECT "Id" FROM "MeetingRecords");

DELETE FROM "PeriodPacks" WHERE "PeriodId" NOT IN (SELECT "Id" FROM "Periods");
DELETE FROM "BranchResults" WHERE "PeriodId" NOT IN (SELECT "Id" FROM "Periods")
    OR "BranchId" NOT IN (SELECT "Id" FROM "Organizations");
DELETE FROM "BranchIndicatorScores" WHERE "BranchResultId" NOT IN (SELECT "Id" FROM "BranchResults");

DELETE FROM "EvidenceEvents" WHERE "BranchId" NOT IN (SELECT "Id" FROM "Organizations");
DELETE FROM "KpiValues" WHERE "BranchId" NOT IN (SELECT "Id" FROM "Organizations");
DELETE FROM "RatingAnswers" WHERE "BranchId" NOT IN (SELECT "Id" FROM "Organizations");
DELETE FROM "ManualScores" WHERE "PeriodId" NOT IN (SELECT "Id" FROM "Periods")
    OR "BranchId" NOT IN (SELECT "Id" FROM "Organizations");
DELETE FROM "QuarterlyReports" WHERE "PeriodId" NOT IN (SELECT "Id" FROM "Periods");
DELETE FROM "Appeals" WHERE "PeriodId" NOT IN (SELECT "Id" FROM "Periods")
    OR "BranchId" NOT IN (SELECT "Id" FROM "Organizations");

UPDATE "RectificationItems" SET "RecheckPeriodId" = NULL
    WHERE "RecheckPeriodId" IS NOT NULL AND "RecheckPeriodId" NOT IN (SELECT "Id" FROM "Periods");
DELETE FROM "RectificationItems" WHERE "PeriodId" NOT IN (SELECT "Id" FROM "Periods")
    OR "BranchId" NOT IN (SELECT "Id" FROM "Organizations");
DELETE FROM "RectificationEntries" WHERE "ItemId" NOT IN (SELECT "Id" FROM "RectificationItems");
DELETE FROM "RectificationReminders" WHERE "ItemId" NOT IN (SELECT "Id" FROM "RectificationItems")
    OR "RecipientOrganizationId" NOT IN (SELECT "Id" FROM "Organizations");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204170059_RemoveOrphanRows', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP TABLE IF EXISTS qrtz_job_status;
DROP TABLE IF EXISTS qrtz_misfire_history;
DROP TABLE IF EXISTS qrtz_execution_history;
DROP TABLE IF EXISTS qrtz_locks;
DROP TABLE IF EXISTS qrtz_scheduler_state;
DROP TABLE IF EXISTS qrtz_fired_triggers;
DROP TABLE IF EXISTS qrtz_paused_job_grps;
DROP TABLE IF EXISTS qrtz_paused_trigger_grps;
DROP TABLE IF EXISTS qrtz_calendars;
DROP TABLE IF EXISTS qrtz_blob_triggers;
DROP TABLE IF EXISTS qrtz_simprop_triggers;
DROP TABLE IF EXISTS qrtz_cron_triggers;
DROP TABLE IF EXISTS qrtz_simple_triggers;
DROP TABLE IF EXISTS qrtz_triggers;
DROP TABLE IF EXISTS qrtz_job_details;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204170108_DropQuartzTables', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Surveys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Surveys" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "OpensOn" TEXT NOT NULL,
    "ClosesOn" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ClosedAt" INTEGER NULL,
    "ClosedBy" TEXT NULL,
    CONSTRAINT "FK_Surveys_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Surveys_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SurveyInvitations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SurveyInvitations" PRIMARY KEY AUTOINCREMENT,
    "SurveyId" INTEGER NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "RaterGroup" TEXT NOT NULL,
    "IssuedBy" TEXT NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "AnsweredAt" INTEGER NULL,
    CONSTRAINT "FK_SurveyInvitations_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_SurveyInvitations_SurveyId" ON "SurveyInvitations" ("SurveyId");

CREATE UNIQUE INDEX "IX_SurveyInvitations_TokenHash" ON "SurveyInvitations" ("TokenHash");

CREATE INDEX "IX_Surveys_BranchId" ON "Surveys" ("BranchId");

CREATE INDEX "IX_Surveys_PeriodId_BranchId" ON "Surveys" ("PeriodId", "BranchId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204175305_AddSurveys', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "MeetingRecords" ADD "Version" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "AuditEntries" ADD "Hash" TEXT NULL;

ALTER TABLE "AuditEntries" ADD "OrganizationPath" TEXT NULL;

ALTER TABLE "AuditEntries" ADD "Sequence" INTEGER NULL;

CREATE TABLE "AuditChainHeads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditChainHeads" PRIMARY KEY,
    "Sequence" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "Seal" TEXT NOT NULL
);

CREATE TABLE "IndicatorScorers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IndicatorScorers" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "IndicatorCode" TEXT NOT NULL,
    "Login" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "At" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "UX_MeetingRecords_GroupMeeting" ON "MeetingRecords" ("BranchId", "Type", "Date", "GroupName") WHERE "GroupName" IS NOT NULL;

CREATE UNIQUE INDEX "UX_MeetingRecords_Meeting" ON "MeetingRecords" ("BranchId", "Type", "Date") WHERE "GroupName" IS NULL;

CREATE INDEX "IX_AuditEntries_OrganizationPath" ON "AuditEntries" ("OrganizationPath");

CREATE UNIQUE INDEX "IX_AuditEntries_Sequence" ON "AuditEntries" ("Sequence");

CREATE UNIQUE INDEX "UX_IndicatorScorers_Scorer" ON "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source");

INSERT INTO "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source", "At")
SELECT "PeriodId", "BranchId", "IndicatorCode", "Assessor", 'Manual', "At" FROM "ManualScores";

INSERT INTO "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source", "At")
SELECT "PeriodId", "BranchId", "IndicatorCode", "DecidedBy", 'Appeal', min("DecidedAt") FROM "Appeals"
WHERE "State" = 'Upheld' AND "DecidedBy" IS NOT NULL
GROUP BY "PeriodId", "BranchId", "IndicatorCode", "DecidedBy";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204180923_AuditChainMeetingKeyScorers', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Users" ADD "SecurityStamp" TEXT NULL;

ALTER TABLE "Users" ADD "TotpEnabledAt" INTEGER NULL;

ALTER TABLE "Users" ADD "TotpSecret" TEXT NULL;

ALTER TABLE "ApiTokens" ADD "ExpiresAt" INTEGER NULL;

UPDATE "Users" SET "SecurityStamp" = lower(hex(randomblob(16)));

UPDATE "ApiTokens" SET "ExpiresAt" = "CreatedAt" + 77760000000000;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204183952_AccountSecurity', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "BranchIndicatorScores" ADD "VetoTriggered" INTEGER NOT NULL DEFAULT 0;

UPDATE "BranchIndicatorScores" SET "VetoTriggered" = 1 WHERE "Explanation" LIKE '一票否决：%';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204184249_VetoTriggered', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "KpiValues" ADD "CaptureSourceId" INTEGER NULL;

CREATE TABLE "CaptureSources" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CaptureSources" PRIMARY KEY AUTOINCREMENT,
    "KpiCode" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "BranchField" TEXT NOT NULL,
    "ValueField" TEXT NOT NULL,
    "Cron" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "TokenHeader" TEXT NULL,
    "ProtectedToken" TEXT NULL,
    "LastSuccessAt" INTEGER NULL,
    "LastSuccessCount" INTEGER NULL,
    "LastFailureAt" INTEGER NULL,
    "LastFailure" TEXT NULL,
    "UpdatedBy" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Failing" INTEGER NOT NULL
);

CREATE INDEX "IX_KpiValues_CaptureSourceId" ON "KpiValues" ("CaptureSourceId");

CREATE UNIQUE INDEX "IX_CaptureSources_KpiCode" ON "CaptureSources" ("KpiCode");

CREATE TABLE "ef_temp_KpiValues" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_KpiValues" PRIMARY KEY AUTOINCREMENT,
    "BranchId" INTEGER NOT NULL,
    "CaptureSourceId" INTEGER NULL,
    "EnteredAt" INTEGER NOT NULL,
    "EnteredBy" TEXT NOT NULL,
    "KpiCode" TEXT NOT NULL,
    "Quarter" INTEGER NOT NULL,
    "Source" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    CONSTRAINT "FK_KpiValues_CaptureSources_CaptureSourceId" FOREIGN KEY ("CaptureSourceId") REFERENCES "CaptureSources" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_KpiValues_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_KpiValues" ("Id", "BranchId", "CaptureSourceId", "EnteredAt", "EnteredBy", "KpiCode", "Quarter", "Source", "Value", "Year")
SELECT "Id", "BranchId", "CaptureSourceId", "EnteredAt", "EnteredBy", "KpiCode", "Quarter", "Source", "Value", "Year"
FROM "KpiValues";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "KpiValues";

ALTER TABLE "ef_temp_KpiValues" RENAME TO "KpiValues";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_KpiValues_BranchId" ON "KpiValues" ("BranchId");

CREATE INDEX "IX_KpiValues_CaptureSourceId" ON "KpiValues" ("CaptureSourceId");

CREATE UNIQUE INDEX "IX_KpiValues_Year_Quarter_BranchId_KpiCode" ON "KpiValues" ("Year", "Quarter", "BranchId", "KpiCode");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204200459_AddCaptureSources', '10.0.15');

BEGIN TRANSACTION;
CREATE INDEX "IX_BranchResults_PeriodId_CategoryCode_Rank_BranchId" ON "BranchResults" ("PeriodId", "CategoryCode", "Rank", "BranchId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204232409_AddRankingIndex', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Periods" ADD "ResultsVersion" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205014150_AddPeriodResultsVersion', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "BranchIndicatorScores" ADD "PeriodId" INTEGER NOT NULL DEFAULT 0;

UPDATE "BranchIndicatorScores"
SET "PeriodId" = (SELECT r."PeriodId" FROM "BranchResults" AS r WHERE r."Id" = "BranchIndicatorScores"."BranchResultId");

CREATE INDEX "IX_BranchIndicatorScores_PeriodId" ON "BranchIndicatorScores" ("PeriodId");

CREATE TABLE "ef_temp_BranchIndicatorScores" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BranchIndicatorScores" PRIMARY KEY AUTOINCREMENT,
    "BranchResultId" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "DimensionCode" TEXT NOT NULL,
    "Explanation" TEXT NOT NULL,
    "MaxScore" TEXT NOT NULL,
    "PeriodId" INTEGER NOT NULL,
    "Score" TEXT NOT NULL,
    "VetoTriggered" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_BranchIndicatorScores_BranchResults_BranchResultId" FOREIGN KEY ("BranchResultId") REFERENCES "BranchResults" ("Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_BranchIndicatorScores" ("Id", "BranchResultId", "Code", "DimensionCode", "Explanation", "MaxScore", "PeriodId", "Score", "VetoTriggered")
SELECT "Id", "BranchResultId", "Code", "DimensionCode", "Explanation", "MaxScore", "PeriodId", "Score", "VetoTriggered"
FROM "BranchIndicatorScores";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "BranchIndicatorScores";

ALTER TABLE "ef_temp_BranchIndicatorScores" RENAME TO "BranchIndicatorScores";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_BranchIndicatorScores_BranchResultId" ON "BranchIndicatorScores" ("BranchResultId");

CREATE INDEX "IX_BranchIndicatorScores_PeriodId" ON "BranchIndicatorScores" ("PeriodId");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206050245_AddIndicatorPeriod', '10.0.15');

BEGIN TRANSACTION;
CREATE TABLE "IndicatorTallies" (
    "PeriodId" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "MaxScore" TEXT NOT NULL,
    "Branches" INTEGER NOT NULL,
    "ScoreSum" TEXT NOT NULL,
    "FullMarks" INTEGER NOT NULL,
    "Zero" INTEGER NOT NULL,
    CONSTRAINT "PK_IndicatorTallies" PRIMARY KEY ("PeriodId", "Code", "MaxScore"),
    CONSTRAINT "FK_IndicatorTallies_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206094353_AddIndicatorTallies', '10.0.15');

COMMIT;

