using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddIndicatorPeriod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PeriodId",
                table: "BranchIndicatorScores",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Rows scored before the column existed take their result's period (then the index is built once).
            migrationBuilder.Sql("""
                UPDATE "BranchIndicatorScores"
                SET "PeriodId" = (SELECT r."PeriodId" FROM "BranchResults" AS r WHERE r."Id" = "BranchIndicatorScores"."BranchResultId");
                """);

            // The default only served the rows above: a row written from now on names its period.
            migrationBuilder.AlterColumn<int>(
                name: "PeriodId",
                table: "BranchIndicatorScores",
                nullable: false,
                oldClrType: typeof(int),
                oldDefaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_BranchIndicatorScores_PeriodId",
                table: "BranchIndicatorScores",
                column: "PeriodId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BranchIndicatorScores_PeriodId",
                table: "BranchIndicatorScores");

            migrationBuilder.DropColumn(
                name: "PeriodId",
                table: "BranchIndicatorScores");
        }
    }
}
