using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditChainMeetingKeyScorers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "MeetingRecords",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrganizationPath",
                table: "AuditEntries",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditChainHeads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Seal = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHeads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorScorers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PeriodId = table.Column<int>(type: "int", nullable: false),
                    BranchId = table.Column<int>(type: "int", nullable: false),
                    IndicatorCode = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Login = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorScorers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "UX_MeetingRecords_GroupMeeting",
                table: "MeetingRecords",
                columns: new[] { "BranchId", "Type", "Date", "GroupName" },
                unique: true,
                filter: "\"GroupName\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "UX_MeetingRecords_Meeting",
                table: "MeetingRecords",
                columns: new[] { "BranchId", "Type", "Date" },
                unique: true,
                filter: "\"GroupName\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OrganizationPath",
                table: "AuditEntries",
                column: "OrganizationPath");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true,
                filter: "[Sequence] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "UX_IndicatorScorers_Scorer",
                table: "IndicatorScorers",
                columns: new[] { "PeriodId", "BranchId", "IndicatorCode", "Login", "Source" },
                unique: true);

            // Everyone who already set a score: the current manual scorers and the deciders of upheld appeals (the
            // separation-of-duties check reads this table).
            migrationBuilder.Sql("""
                INSERT INTO "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source", "At")
                SELECT "PeriodId", "BranchId", "IndicatorCode", "Assessor", 'Manual', "At" FROM "ManualScores";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source", "At")
                SELECT "PeriodId", "BranchId", "IndicatorCode", "DecidedBy", 'Appeal', min("DecidedAt") FROM "Appeals"
                WHERE "State" = 'Upheld' AND "DecidedBy" IS NOT NULL
                GROUP BY "PeriodId", "BranchId", "IndicatorCode", "DecidedBy";
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditChainHeads");

            migrationBuilder.DropTable(
                name: "IndicatorScorers");

            migrationBuilder.DropIndex(
                name: "UX_MeetingRecords_GroupMeeting",
                table: "MeetingRecords");

            migrationBuilder.DropIndex(
                name: "UX_MeetingRecords_Meeting",
                table: "MeetingRecords");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_OrganizationPath",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "MeetingRecords");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "OrganizationPath",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditEntries");
        }
    }
}
