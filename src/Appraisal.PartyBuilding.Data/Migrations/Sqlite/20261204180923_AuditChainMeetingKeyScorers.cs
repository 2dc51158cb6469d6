using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChainMeetingKeyScorers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "Version",
                table: "MeetingRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrganizationPath",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditChainHeads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Seal = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHeads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorScorers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    BranchId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Login = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                unique: true);

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
