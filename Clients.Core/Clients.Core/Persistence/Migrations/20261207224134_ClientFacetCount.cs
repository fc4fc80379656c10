using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <summary>
    /// How many clients each value of the admin list's facet filters has (issue 34: source, locked, grant type), kept by
    /// triggers in the transaction of every insert, update, delete and truncate of <c>clients</c>, as
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

                -- The facets of a set of clients, one row per client and facet (a grant type listed twice counts once). Written
                -- out in each function as plain set SQL over the transition table: a bulk load of 1,000,000 clients pays one
                -- pass per facet, not a function call per client.
                -- An update changes a client's facets one row at a time, and only where one of its facet columns changed: most
                -- updates (a registration access token sliding forward, a secret rotated) change none and pay nothing.
                CREATE FUNCTION client_facet_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO client_facet_count AS c (facet, shard, clients)
                    SELECT facet, 1 + pg_backend_pid() % 64, sum(delta) FROM (
                        SELECT 'source:' || NEW.source AS facet, 1 AS delta
                        UNION ALL SELECT 'locked:' || (NEW.update_locked OR NEW.delete_locked)::text, 1
                        UNION ALL SELECT 'grant_type:' || g, 1 FROM (SELECT DISTINCT unnest(NEW.grant_types)) AS kinds(g)
                        UNION ALL SELECT 'source:' || OLD.source, -1
                        UNION ALL SELECT 'locked:' || (OLD.update_locked OR OLD.delete_locked)::text, -1
                        UNION ALL SELECT 'grant_type:' || g, -1 FROM (SELECT DISTINCT unnest(OLD.grant_types)) AS kinds(g)
                    ) AS changes GROUP BY facet HAVING sum(delta) <> 0
                    ON CONFLICT (facet, shard) DO UPDATE SET clients = c.clients + EXCLUDED.clients;
                    RETURN NULL;
                END $$;
                CREATE FUNCTION client_facet_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO client_facet_count AS c (facet, shard, clients)
                    SELECT facet, 1 + pg_backend_pid() % 64, count(*) FROM (SELECT 'source:' || source AS facet FROM added
                        UNION ALL SELECT 'locked:' || (update_locked OR delete_locked)::text FROM added
                        UNION ALL SELECT 'grant_type:' || g FROM added, LATERAL (SELECT DISTINCT unnest(added.grant_types)) AS kinds(g)) AS plus
                    GROUP BY facet
                    ON CONFLICT (facet, shard) DO UPDATE SET clients = c.clients + EXCLUDED.clients;
                    RETURN NULL;
                END $$;
                CREATE FUNCTION client_facet_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO client_facet_count AS c (facet, shard, clients)
                    SELECT facet, 1 + pg_backend_pid() % 64, -count(*) FROM (SELECT 'source:' || source AS facet FROM removed
                        UNION ALL SELECT 'locked:' || (update_locked OR delete_locked)::text FROM removed
                        UNION ALL SELECT 'grant_type:' || g FROM removed, LATERAL (SELECT DISTINCT unnest(removed.grant_types)) AS kinds(g)) AS minus
                    GROUP BY facet
                    ON CONFLICT (facet, shard) DO UPDATE SET clients = c.clients + EXCLUDED.clients;
                    RETURN NULL;
                END $$;
                CREATE FUNCTION client_facet_count_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN DELETE FROM client_facet_count; RETURN NULL; END $$;

                CREATE TRIGGER client_facet_count_added AFTER INSERT ON clients REFERENCING NEW TABLE AS added
                    FOR EACH STATEMENT EXECUTE FUNCTION client_facet_count_added();
                CREATE TRIGGER client_facet_count_changed AFTER UPDATE OF source, update_locked, delete_locked, grant_types ON clients FOR EACH ROW
                    WHEN (OLD.source IS DISTINCT FROM NEW.source OR OLD.grant_types IS DISTINCT FROM NEW.grant_types
                          OR (OLD.update_locked OR OLD.delete_locked) IS DISTINCT FROM (NEW.update_locked OR NEW.delete_locked))
                    EXECUTE FUNCTION client_facet_count_changed();
                CREATE TRIGGER client_facet_count_removed AFTER DELETE ON clients REFERENCING OLD TABLE AS removed
                    FOR EACH STATEMENT EXECUTE FUNCTION client_facet_count_removed();
                CREATE TRIGGER client_facet_count_emptied AFTER TRUNCATE ON clients
                    FOR EACH STATEMENT EXECUTE FUNCTION client_facet_count_emptied();

                -- The clients there already, counted once under a lock that keeps writers out meanwhile.
                LOCK TABLE clients IN SHARE MODE;
                INSERT INTO client_facet_count (facet, shard, clients)
                SELECT facet, 1, count(*) FROM (SELECT 'source:' || source AS facet FROM clients
                        UNION ALL SELECT 'locked:' || (update_locked OR delete_locked)::text FROM clients
                        UNION ALL SELECT 'grant_type:' || g FROM clients, LATERAL (SELECT DISTINCT unnest(clients.grant_types)) AS kinds(g)) AS present
                GROUP BY facet;

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
                DROP TABLE client_facet_count;
                """);
        }
    }
}
