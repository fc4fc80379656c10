using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleMarksMutualTlsAndProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "authorization_details_types",
                table: "clients",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<bool>(
                name: "dpop_bound_access_tokens",
                table: "clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "lifecycle_managed",
                table: "clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "registration_profile",
                table: "clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "secrets_expire_at",
                table: "clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tls_client_auth_san_dns",
                table: "clients",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tls_client_auth_san_email",
                table: "clients",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tls_client_auth_san_ip",
                table: "clients",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tls_client_auth_san_uri",
                table: "clients",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tls_client_auth_subject_dn",
                table: "clients",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "tls_client_certificate_bound_access_tokens",
                table: "clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);

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
                name: "authorization_details_types",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "dpop_bound_access_tokens",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "lifecycle_managed",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "registration_profile",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "secrets_expire_at",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "tls_client_auth_san_dns",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "tls_client_auth_san_email",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "tls_client_auth_san_ip",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "tls_client_auth_san_uri",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "tls_client_auth_subject_dn",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "tls_client_certificate_bound_access_tokens",
                table: "clients");
        }
    }
}
