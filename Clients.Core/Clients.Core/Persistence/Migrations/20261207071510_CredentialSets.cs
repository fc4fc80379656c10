using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CredentialSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 34: a client's secrets become a credential set, one jsonb array in its row (ClientSecret, newest last).
            migrationBuilder.AddColumn<string>(
                name: "secrets",
                table: "clients",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            // What each client has now, kept: the previous secret while its grace period lasts, then the current one.
            migrationBuilder.Sql("""
                UPDATE clients SET secrets =
                    CASE WHEN previous_secret_hash IS NOT NULL AND previous_secret_expires_at > now()
                         THEN jsonb_build_array(jsonb_build_object(
                             'Id', 'cs_' || substr(md5(random()::text || client_id || 'p'), 1, 16), 'Hash', previous_secret_hash,
                             'CreatedAt', created_at, 'ExpiresAt', previous_secret_expires_at))
                         ELSE '[]'::jsonb END
                 || CASE WHEN secret_hash IS NOT NULL
                         THEN jsonb_build_array(jsonb_build_object(
                             'Id', 'cs_' || substr(md5(random()::text || client_id || 'c'), 1, 16), 'Hash', secret_hash,
                             'CreatedAt', updated_at, 'ExpiresAt', secret_expires_at))
                         ELSE '[]'::jsonb END
                 WHERE secret_hash IS NOT NULL OR previous_secret_hash IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "previous_secret_expires_at",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "previous_secret_hash",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "secret_expires_at",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "secret_hash",
                table: "clients");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_secret_expires_at",
                table: "clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_secret_hash",
                table: "clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "secret_expires_at",
                table: "clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "secret_hash",
                table: "clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            // The newest secret back as the current one, the one before it as the previous one.
            migrationBuilder.Sql("""
                UPDATE clients SET
                    secret_hash = secrets -> -1 ->> 'Hash',
                    secret_expires_at = (secrets -> -1 ->> 'ExpiresAt')::timestamptz,
                    previous_secret_hash = secrets -> -2 ->> 'Hash',
                    previous_secret_expires_at = (secrets -> -2 ->> 'ExpiresAt')::timestamptz
                 WHERE jsonb_array_length(secrets) > 0;
                """);

            migrationBuilder.DropColumn(
                name: "secrets",
                table: "clients");
        }
    }
}
