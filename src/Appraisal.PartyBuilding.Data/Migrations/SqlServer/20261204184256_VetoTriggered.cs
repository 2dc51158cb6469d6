using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class VetoTriggered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "VetoTriggered",
                table: "BranchIndicatorScores",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // Results stored before the flag existed: the veto scorer wrote this prefix, and only it.
            migrationBuilder.Sql("""UPDATE "BranchIndicatorScores" SET "VetoTriggered" = 1 WHERE "Explanation" LIKE N'一票否决：%';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VetoTriggered",
                table: "BranchIndicatorScores");
        }
    }
}
