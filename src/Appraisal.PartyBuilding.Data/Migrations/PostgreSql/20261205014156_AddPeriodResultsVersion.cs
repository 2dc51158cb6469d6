using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddPeriodResultsVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ResultsVersion",
                table: "Periods",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResultsVersion",
                table: "Periods");
        }
    }
}
