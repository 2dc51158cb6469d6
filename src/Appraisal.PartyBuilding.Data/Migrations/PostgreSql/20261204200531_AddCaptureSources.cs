using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.PostgreSql
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
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaptureSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KpiCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    BranchField = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ValueField = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Cron = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    TokenHeader = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ProtectedToken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LastSuccessAt = table.Column<long>(type: "bigint", nullable: true),
                    LastSuccessCount = table.Column<int>(type: "integer", nullable: true),
                    LastFailureAt = table.Column<long>(type: "bigint", nullable: true),
                    LastFailure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Failing = table.Column<bool>(type: "boolean", nullable: false)
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
