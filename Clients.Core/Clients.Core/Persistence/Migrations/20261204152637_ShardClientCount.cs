using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <summary>
    /// The client count in 64 rows instead of one (ClientCount.cs says why): each insert, delete or truncate of
    /// <c>clients</c> changes the row of its own database session, so concurrent writers on different sessions no
    /// longer queue on one row lock. A row may go below zero (a client counted on one session, deleted on another);
    /// their sum cannot. The 64 is written out, not taken from code: a migration is history and must not move.
    /// </summary>
    public partial class ShardClientCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                LOCK TABLE client_count IN ACCESS EXCLUSIVE MODE;
                ALTER TABLE client_count DROP CONSTRAINT client_count_id_check, DROP CONSTRAINT client_count_clients_check,
                    ADD CONSTRAINT client_count_id_check CHECK (id BETWEEN 1 AND 64);
                INSERT INTO client_count SELECT slot, 0 FROM generate_series(2, 64) AS slot;

                CREATE OR REPLACE FUNCTION client_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE client_count SET clients = clients + (SELECT count(*) FROM added) WHERE id = 1 + pg_backend_pid() % 64; RETURN NULL; END $$;
                CREATE OR REPLACE FUNCTION client_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE client_count SET clients = clients - (SELECT count(*) FROM removed) WHERE id = 1 + pg_backend_pid() % 64; RETURN NULL; END $$;
                CREATE OR REPLACE FUNCTION client_count_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE client_count SET clients = 0; RETURN NULL; END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                LOCK TABLE client_count IN ACCESS EXCLUSIVE MODE;
                UPDATE client_count SET clients = (SELECT sum(clients) FROM client_count) WHERE id = 1;
                DELETE FROM client_count WHERE id > 1;
                ALTER TABLE client_count DROP CONSTRAINT client_count_id_check,
                    ADD CONSTRAINT client_count_id_check CHECK (id = 1), ADD CONSTRAINT client_count_clients_check CHECK (clients >= 0);

                CREATE OR REPLACE FUNCTION client_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE client_count SET clients = clients + (SELECT count(*) FROM added) WHERE id = 1; RETURN NULL; END $$;
                CREATE OR REPLACE FUNCTION client_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE client_count SET clients = clients - (SELECT count(*) FROM removed) WHERE id = 1; RETURN NULL; END $$;
                CREATE OR REPLACE FUNCTION client_count_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE client_count SET clients = 0 WHERE id = 1; RETURN NULL; END $$;
                """);
        }
    }
}
