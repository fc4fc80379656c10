using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <summary>
    /// Each audit row names the key its link is an HMAC under (issue 31): rows from before have none and were linked with
    /// plain SHA-256; the audit worker alone holds the keys.
    /// </summary>
    public partial class KeyAuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "key_id",
                table: "audit_log",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "key_id",
                table: "audit_log");
        }
    }
}
