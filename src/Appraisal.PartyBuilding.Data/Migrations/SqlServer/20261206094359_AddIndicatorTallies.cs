using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddIndicatorTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IndicatorTallies",
                columns: table => new
                {
                    PeriodId = table.Column<int>(type: "int", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    MaxScore = table.Column<decimal>(type: "decimal(9,2)", precision: 9, scale: 2, nullable: false),
                    Branches = table.Column<int>(type: "int", nullable: false),
                    ScoreSum = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    FullMarks = table.Column<int>(type: "int", nullable: false),
                    Zero = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorTallies", x => new { x.PeriodId, x.Code, x.MaxScore });
                    table.ForeignKey(
                        name: "FK_IndicatorTallies_Periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "Periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndicatorTallies");
        }
    }
}
