using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <summary>
    /// A client keeps the initial access token it registered with and a copy of that token's policy, which binds its
    /// own later updates (issue 31). Clients registered before this migration are bound too: the audit log's
    /// initial_access_token_used events name which client each token registered.
    /// </summary>
    public partial class BindRegistrationPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "initial_access_token_id",
                table: "clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "registration_policy",
                table: "clients",
                type: "jsonb",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE clients AS c
                SET initial_access_token_id = t.id,
                    registration_policy = CASE
                        WHEN t.allowed_grant_types IS NULL AND t.allowed_redirect_uri_hosts IS NULL AND t.allowed_scopes IS NULL THEN NULL
                        ELSE jsonb_build_object('grant_types', to_jsonb(t.allowed_grant_types),
                                                'redirect_uri_hosts', to_jsonb(t.allowed_redirect_uri_hosts),
                                                'scopes', to_jsonb(t.allowed_scopes))
                    END
                FROM audit_log AS a
                JOIN initial_access_tokens AS t ON t.id = a.resource_id
                WHERE a.action = 'initial_access_token_used'
                  AND c.client_id = jsonb_path_query_first(a.changes::jsonb, '$[*] ? (@.field == "client_id").after') #>> '{}';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "initial_access_token_id",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "registration_policy",
                table: "clients");
        }
    }
}
