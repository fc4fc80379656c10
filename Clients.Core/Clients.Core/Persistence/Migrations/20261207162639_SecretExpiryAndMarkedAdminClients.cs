using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SecretExpiryAndMarkedAdminClients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "lifecycle_managed",
                table: "clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "secrets_expire_at",
                table: "clients",
                type: "timestamp with time zone",
                nullable: true);

            // The clients already registered: the first expiry of their credential set, as Client.SecretsExpireAt derives it.
            migrationBuilder.Sql("""
                UPDATE clients c SET secrets_expire_at = e.first
                FROM (SELECT client_id, min((s->>'ExpiresAt')::timestamptz) AS first
                      FROM clients, jsonb_array_elements(secrets) s
                      WHERE s->>'ExpiresAt' IS NOT NULL
                      GROUP BY client_id) e
                WHERE c.client_id = e.client_id;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_clients_secrets_expire_at",
                table: "clients",
                column: "secrets_expire_at",
                filter: "secrets_expire_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_clients_secrets_expire_at",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "lifecycle_managed",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "secrets_expire_at",
                table: "clients");
        }
    }
}
