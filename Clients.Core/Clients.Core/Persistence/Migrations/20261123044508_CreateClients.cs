using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CreateClients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clients",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    secret_hash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    secret_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    registration_token_hash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    registration_token_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    client_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    client_uri = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    logo_uri = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    tos_uri = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    policy_uri = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    localized_metadata = table.Column<string>(type: "jsonb", nullable: false),
                    redirect_uris = table.Column<string[]>(type: "text[]", nullable: false),
                    post_logout_redirect_uris = table.Column<string[]>(type: "text[]", nullable: false),
                    grant_types = table.Column<string[]>(type: "text[]", nullable: false),
                    response_types = table.Column<string[]>(type: "text[]", nullable: false),
                    scope = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    contacts = table.Column<string[]>(type: "text[]", nullable: false),
                    token_endpoint_auth_method = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    jwks_uri = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    jwks = table.Column<string>(type: "jsonb", nullable: true),
                    software_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    software_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    application_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sector_identifier_uri = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    id_token_signed_response_alg = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    require_auth_time = table.Column<bool>(type: "boolean", nullable: false),
                    default_max_age = table.Column<int>(type: "integer", nullable: true),
                    require_pushed_authorization_requests = table.Column<bool>(type: "boolean", nullable: false),
                    is_trusted = table.Column<bool>(type: "boolean", nullable: false),
                    skip_consent = table.Column<bool>(type: "boolean", nullable: false),
                    allow_claims_without_scope = table.Column<bool>(type: "boolean", nullable: false),
                    update_locked = table.Column<bool>(type: "boolean", nullable: false),
                    delete_locked = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clients", x => x.client_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_clients_created_at_client_id",
                table: "clients",
                columns: new[] { "created_at", "client_id" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "ix_clients_registration_token_hash",
                table: "clients",
                column: "registration_token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clients");
        }
    }
}
