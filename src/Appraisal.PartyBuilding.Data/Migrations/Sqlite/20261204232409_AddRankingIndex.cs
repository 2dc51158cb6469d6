using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRankingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_BranchResults_PeriodId_CategoryCode_Rank_BranchId",
                table: "BranchResults",
                columns: new[] { "PeriodId", "CategoryCode", "Rank", "BranchId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BranchResults_PeriodId_CategoryCode_Rank_BranchId",
                table: "BranchResults");
        }
    }
}
