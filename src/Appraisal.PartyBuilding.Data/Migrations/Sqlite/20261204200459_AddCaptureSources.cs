using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCaptureSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CaptureSourceId",
                table: "KpiValues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaptureSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KpiCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    BranchField = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ValueField = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Cron = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    TokenHeader = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProtectedToken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSuccessCount = table.Column<int>(type: "INTEGER", nullable: true),
                    LastFailureAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastFailure = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Failing = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaptureSources", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KpiValues_CaptureSourceId",
                table: "KpiValues",
                column: "CaptureSourceId");

            migrationBuilder.CreateIndex(
                name: "IX_CaptureSources_KpiCode",
                table: "CaptureSources",
                column: "KpiCode",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_KpiValues_CaptureSources_CaptureSourceId",
                table: "KpiValues",
                column: "CaptureSourceId",
                principalTable: "CaptureSources",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_KpiValues_CaptureSources_CaptureSourceId",
                table: "KpiValues");

            migrationBuilder.DropTable(
                name: "CaptureSources");

            migrationBuilder.DropIndex(
                name: "IX_KpiValues_CaptureSourceId",
                table: "KpiValues");

            migrationBuilder.DropColumn(
                name: "CaptureSourceId",
                table: "KpiValues");
        }
    }
}
