using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClientLifecycleAndKeySets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "dynamic");

            migrationBuilder.AddColumn<string>(
                name: "staged_jwks",
                table: "clients",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "client_usage",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_client_usage", x => x.client_id);
                    table.ForeignKey(
                        name: "fk_client_usage_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "client_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_clients_grant_types",
                table: "clients",
                column: "grant_types")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_clients_source",
                table: "clients",
                columns: new[] { "source", "created_at", "client_id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_client_usage_last_used_at",
                table: "client_usage",
                column: "last_used_at");

            // How each existing client came to be: an administrator's has no registration access token (only /register
            // issues one, RFC 7591 §3.2.1); a statement outranks the token it came with (ClientSources.OfRegistration).
            migrationBuilder.Sql("""
                UPDATE clients SET source = CASE
                    WHEN registration_token_hash IS NULL THEN 'admin'
                    WHEN software_statement IS NOT NULL THEN 'software_statement'
                    WHEN initial_access_token_id IS NOT NULL THEN 'initial_access_token'
                    ELSE 'dynamic' END;
                """);
            // Their last use so far: the newest use of any of their secrets.
            migrationBuilder.Sql("""
                INSERT INTO client_usage (client_id, last_used_at)
                SELECT client_id, max(last_used_at) FROM client_secret_usage GROUP BY client_id;
                """);
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON client_usage TO clientplatform_api;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "client_usage");

            migrationBuilder.DropIndex(
                name: "ix_clients_grant_types",
                table: "clients");

            migrationBuilder.DropIndex(
                name: "ix_clients_source",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "source",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "staged_jwks",
                table: "clients");
        }
    }
}
