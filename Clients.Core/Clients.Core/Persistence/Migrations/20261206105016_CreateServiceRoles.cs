using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <summary>
    /// The roles the services connect as, and what each may do (Persistence/ServiceRoles.cs, issue 31). Roles belong to
    /// the whole server, so they are made only when missing (another database on the server may have made them); the
    /// grants are this database's. They log in once the migrator has set their passwords.
    /// </summary>
    public partial class CreateServiceRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clientplatform_api') THEN
                        CREATE ROLE clientplatform_api NOINHERIT;
                    END IF;
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clientplatform_audit') THEN
                        CREATE ROLE clientplatform_audit NOINHERIT;
                    END IF;
                    EXECUTE format('GRANT CONNECT ON DATABASE %I TO clientplatform_api, clientplatform_audit', current_database());
                END $$;

                GRANT USAGE ON SCHEMA public TO clientplatform_api, clientplatform_audit;
                GRANT SELECT ON "__EFMigrationsHistory" TO clientplatform_api, clientplatform_audit;

                -- The APIs: the clients and their credentials' records; the outbox (written with each change, relayed and
                -- pruned); the audit log to read, never to change; the cache's integrity key to read.
                GRANT SELECT, INSERT, UPDATE, DELETE
                    ON clients, client_count, admin_api_keys, initial_access_tokens, software_statement_issuers, audit_outbox
                    TO clientplatform_api;
                GRANT SELECT ON audit_log, cache_integrity_key TO clientplatform_api;

                -- The audit worker: appends to the audit log and moves its head.
                GRANT SELECT, INSERT ON audit_log TO clientplatform_audit;
                GRANT SELECT, INSERT, UPDATE ON audit_chain_head TO clientplatform_audit;

                DO $$
                BEGIN
                    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO clientplatform_api', pg_get_serial_sequence('audit_outbox', 'id'));
                    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO clientplatform_audit', pg_get_serial_sequence('audit_log', 'seq'));
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The roles stay: other databases on the server may use them. This database's grants go.
            migrationBuilder.Sql("""
                REVOKE ALL ON ALL TABLES IN SCHEMA public FROM clientplatform_api, clientplatform_audit;
                REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM clientplatform_api, clientplatform_audit;
                REVOKE USAGE ON SCHEMA public FROM clientplatform_api, clientplatform_audit;
                DO $$ BEGIN EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM clientplatform_api, clientplatform_audit', current_database()); END $$;
                """);
        }
    }
}
