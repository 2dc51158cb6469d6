using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RemoveOrphanRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Removes the rows a database collected while SQLite did not enforce its foreign keys (before the
            // connection string forced "Foreign Keys=True"): the schema's cascades did not fire, so e.g. a re-score
            // left the old results' indicator rows behind. A row whose parent is gone is unreachable for the app, so
            // it is deleted (an optional re-check period is cleared instead). Parents first, so that rows orphaned by
            // an earlier statement go too; the checks wait for the commit, so the order among restrict-only
            // references does not matter. Nothing happens on a database without orphans.
            migrationBuilder.Sql("""
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
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Deleted orphans cannot be restored.
        }
    }
}
