using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SecretLastUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "client_secret_usage",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    secret_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_client_secret_usage", x => new { x.client_id, x.secret_id });
                    table.ForeignKey(
                        name: "fk_client_secret_usage_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "client_id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Issue 34: when each secret last proved its client, written by the admin API (CreateServiceRoles' role).
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON client_secret_usage TO clientplatform_api;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "client_secret_usage");
        }
    }
}
