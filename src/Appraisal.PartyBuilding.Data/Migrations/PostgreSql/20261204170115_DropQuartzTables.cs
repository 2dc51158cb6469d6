using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appraisal.PartyBuilding.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DropQuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The Quartz job store of script 0008 goes with Quartz (replaced by Hangfire, which keeps its own
            // storage). Databases created by migrations never had these tables; older ones lose them here,
            // dependent tables first.
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS qrtz_job_status CASCADE;
                DROP TABLE IF EXISTS qrtz_misfire_history CASCADE;
                DROP TABLE IF EXISTS qrtz_execution_history CASCADE;
                DROP TABLE IF EXISTS qrtz_locks CASCADE;
                DROP TABLE IF EXISTS qrtz_scheduler_state CASCADE;
                DROP TABLE IF EXISTS qrtz_fired_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_paused_job_grps CASCADE;
                DROP TABLE IF EXISTS qrtz_paused_trigger_grps CASCADE;
                DROP TABLE IF EXISTS qrtz_calendars CASCADE;
                DROP TABLE IF EXISTS qrtz_blob_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_simprop_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_cron_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_simple_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_job_details CASCADE;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Quartz is gone; its tables are not recreated.
        }
    }
}
