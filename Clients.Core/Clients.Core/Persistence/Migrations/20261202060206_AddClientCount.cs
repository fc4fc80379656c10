using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <summary>
    /// The number of clients, kept exact by statement-level triggers in the same transaction as each insert, delete
    /// or truncate of <c>clients</c> (ClientCount.cs says why). Not in the EF model: nothing maps it, only one query reads it.
    /// </summary>
    public partial class AddClientCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE client_count (id integer PRIMARY KEY CHECK (id = 1), clients bigint NOT NULL CHECK (clients >= 0));
                LOCK TABLE clients IN SHARE MODE;
                INSERT INTO client_count VALUES (1, (SELECT count(*) FROM clients));

                CREATE FUNCTION client_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE client_count SET clients = clients + (SELECT count(*) FROM added) WHERE id = 1; RETURN NULL; END $$;
                CREATE FUNCTION client_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE client_count SET clients = clients - (SELECT count(*) FROM removed) WHERE id = 1; RETURN NULL; END $$;
                CREATE FUNCTION client_count_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE client_count SET clients = 0 WHERE id = 1; RETURN NULL; END $$;

                CREATE TRIGGER client_count_insert AFTER INSERT ON clients REFERENCING NEW TABLE AS added
                    FOR EACH STATEMENT EXECUTE FUNCTION client_count_added();
                CREATE TRIGGER client_count_delete AFTER DELETE ON clients REFERENCING OLD TABLE AS removed
                    FOR EACH STATEMENT EXECUTE FUNCTION client_count_removed();
                CREATE TRIGGER client_count_truncate AFTER TRUNCATE ON clients
                    FOR EACH STATEMENT EXECUTE FUNCTION client_count_emptied();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER client_count_truncate ON clients;
                DROP TRIGGER client_count_delete ON clients;
                DROP TRIGGER client_count_insert ON clients;
                DROP FUNCTION client_count_emptied();
                DROP FUNCTION client_count_removed();
                DROP FUNCTION client_count_added();
                DROP TABLE client_count;
                """);
        }
    }
}
