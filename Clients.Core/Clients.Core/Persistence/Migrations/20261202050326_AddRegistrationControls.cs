using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddRegistrationControls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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

            migrationBuilder.AddColumn<string>(
                name: "software_statement",
                table: "clients",
                type: "character varying(16384)",
                maxLength: 16384,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "initial_access_tokens",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    token_hash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    max_uses = table.Column<int>(type: "integer", nullable: false),
                    remaining_uses = table.Column<int>(type: "integer", nullable: false),
                    allowed_grant_types = table.Column<string[]>(type: "text[]", nullable: true),
                    allowed_redirect_uri_hosts = table.Column<string[]>(type: "text[]", nullable: true),
                    allowed_scopes = table.Column<string[]>(type: "text[]", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_initial_access_tokens", x => x.id);
                    table.CheckConstraint("ck_initial_access_tokens_uses", "remaining_uses >= 0 AND remaining_uses <= max_uses");
                });

            migrationBuilder.CreateTable(
                name: "software_statement_issuers",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    issuer = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    jwks = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: true),
                    jwks_uri = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_software_statement_issuers", x => x.id);
                    table.CheckConstraint("ck_software_statement_issuers_keys", "(jwks IS NULL) <> (jwks_uri IS NULL)");
                });

            migrationBuilder.CreateIndex(
                name: "ix_initial_access_tokens_token_hash",
                table: "initial_access_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_software_statement_issuers_issuer",
                table: "software_statement_issuers",
                column: "issuer",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "initial_access_tokens");

            migrationBuilder.DropTable(
                name: "software_statement_issuers");

            migrationBuilder.DropColumn(
                name: "previous_secret_expires_at",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "previous_secret_hash",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "software_statement",
                table: "clients");
        }
    }
}
