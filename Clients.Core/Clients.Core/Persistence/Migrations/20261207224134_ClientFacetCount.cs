using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <summary>
    /// How many clients each value of the admin list's facet filters has (issue 34: source, locked, grant type), kept by
    /// statement-level triggers in the transaction of every insert, update, delete and truncate of <c>clients</c>, as
    /// <c>client_count</c> keeps the whole total: a list filtered by one of them answers its exact total without counting
    /// (ClientFacetCount.cs). Sharded as client_count is (64 rows per facet, each database session changing its own), so
    /// concurrent writers do not queue on one row. An update that changes no facet changes no row. Written out, not taken
    /// from code: a migration is history and must not move.
    /// </summary>
    public partial class ClientFacetCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE client_facet_count (
                    facet varchar(120) NOT NULL,
                    shard smallint NOT NULL CHECK (shard BETWEEN 1 AND 64),
                    clients bigint NOT NULL,
                    PRIMARY KEY (facet, shard));

                CREATE FUNCTION client_facets(source text, update_locked boolean, delete_locked boolean, grant_types text[])
                RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
                    SELECT 'source:' || source
                    UNION ALL SELECT 'locked:' || (update_locked OR delete_locked)::text
                    UNION ALL SELECT DISTINCT 'grant_type:' || g FROM unnest(grant_types) AS g
                $$;

                CREATE FUNCTION client_facet_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO client_facet_count AS c (facet, shard, clients)
                    SELECT facet, 1 + pg_backend_pid() % 64, sum(delta) FROM (
                        SELECT f AS facet, 1 AS delta FROM added, client_facets(added.source, added.update_locked, added.delete_locked, added.grant_types) AS f
                        UNION ALL
                        SELECT f, -1 FROM removed, client_facets(removed.source, removed.update_locked, removed.delete_locked, removed.grant_types) AS f
                    ) AS changes GROUP BY facet HAVING sum(delta) <> 0
                    ON CONFLICT (facet, shard) DO UPDATE SET clients = c.clients + EXCLUDED.clients;
                    RETURN NULL;
                END $$;
                CREATE FUNCTION client_facet_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO client_facet_count AS c (facet, shard, clients)
                    SELECT f, 1 + pg_backend_pid() % 64, count(*) FROM added, client_facets(added.source, added.update_locked, added.delete_locked, added.grant_types) AS f
                    GROUP BY f
                    ON CONFLICT (facet, shard) DO UPDATE SET clients = c.clients + EXCLUDED.clients;
                    RETURN NULL;
                END $$;
                CREATE FUNCTION client_facet_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO client_facet_count AS c (facet, shard, clients)
                    SELECT f, 1 + pg_backend_pid() % 64, -count(*) FROM removed, client_facets(removed.source, removed.update_locked, removed.delete_locked, removed.grant_types) AS f
                    GROUP BY f
                    ON CONFLICT (facet, shard) DO UPDATE SET clients = c.clients + EXCLUDED.clients;
                    RETURN NULL;
                END $$;
                CREATE FUNCTION client_facet_count_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN DELETE FROM client_facet_count; RETURN NULL; END $$;

                CREATE TRIGGER client_facet_count_added AFTER INSERT ON clients REFERENCING NEW TABLE AS added
                    FOR EACH STATEMENT EXECUTE FUNCTION client_facet_count_added();
                CREATE TRIGGER client_facet_count_changed AFTER UPDATE ON clients REFERENCING OLD TABLE AS removed NEW TABLE AS added
                    FOR EACH STATEMENT EXECUTE FUNCTION client_facet_count_changed();
                CREATE TRIGGER client_facet_count_removed AFTER DELETE ON clients REFERENCING OLD TABLE AS removed
                    FOR EACH STATEMENT EXECUTE FUNCTION client_facet_count_removed();
                CREATE TRIGGER client_facet_count_emptied AFTER TRUNCATE ON clients
                    FOR EACH STATEMENT EXECUTE FUNCTION client_facet_count_emptied();

                -- The clients there already, counted once under a lock that keeps writers out meanwhile.
                LOCK TABLE clients IN SHARE MODE;
                INSERT INTO client_facet_count (facet, shard, clients)
                SELECT f, 1, count(*) FROM clients, client_facets(clients.source, clients.update_locked, clients.delete_locked, clients.grant_types) AS f
                GROUP BY f;

                GRANT SELECT, INSERT, UPDATE, DELETE ON client_facet_count TO clientplatform_api;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER client_facet_count_added ON clients;
                DROP TRIGGER client_facet_count_changed ON clients;
                DROP TRIGGER client_facet_count_removed ON clients;
                DROP TRIGGER client_facet_count_emptied ON clients;
                DROP FUNCTION client_facet_count_added(), client_facet_count_changed(), client_facet_count_removed(), client_facet_count_emptied();
                DROP FUNCTION client_facets(text, boolean, boolean, text[]);
                DROP TABLE client_facet_count;
                """);
        }
    }
}
