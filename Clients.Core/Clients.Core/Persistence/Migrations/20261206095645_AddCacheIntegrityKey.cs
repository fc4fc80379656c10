using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPlatform.Clients.Core.Persistence.Migrations
{
    /// <summary>
    /// The key that seals cache entries (Caching/CacheIntegrity.cs): made here, once, from PostgreSQL's strong random
    /// source (two version-4 UUIDs: 244 random bits), and kept only in the database, so Redis never sees it (issue 31).
    /// </summary>
    public partial class AddCacheIntegrityKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE cache_integrity_key (
                    id integer PRIMARY KEY CHECK (id = 1),
                    key bytea NOT NULL CHECK (length(key) >= 32));
                INSERT INTO cache_integrity_key (id, key)
                VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE cache_integrity_key;");
        }
    }
}
