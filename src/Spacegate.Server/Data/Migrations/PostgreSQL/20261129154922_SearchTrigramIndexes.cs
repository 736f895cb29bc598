using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spacegate.Server.Data.Migrations.PostgreSQL
{
    /// <summary>
    /// PostgreSQL only: trigram (pg_trgm) GIN indexes on the columns the Model API search matches with
    /// <c>ILIKE '%word%'</c>, which a B-tree index cannot serve. Best effort: where the extension is not available or
    /// the role may not create it, the migration only notes it and the search scans, as it does on SQLite.
    /// </summary>
    public partial class SearchTrigramIndexes : Migration
    {
        private static readonly string[] Columns =
            ["Name", "Description", "Address_StreetAddressLines", "Address_Locality", "Address_AdministrativeArea", "Address_PostalCode"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var indexes = string.Join("\n    ", Columns.Select(c =>
                $"CREATE INDEX IF NOT EXISTS \"IX_Models_{c}_trgm\" ON \"Models\" USING gin (\"{c}\" gin_trgm_ops);"));
            migrationBuilder.Sql($$"""
                DO $$
                BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
                      RAISE NOTICE 'pg_trgm is not available: Model API searches will scan';
                      RETURN;
                    END IF;
                    BEGIN
                      CREATE EXTENSION pg_trgm;
                    EXCEPTION WHEN insufficient_privilege THEN
                      RAISE NOTICE 'no privilege to create pg_trgm: Model API searches will scan';
                      RETURN;
                    END;
                  END IF;
                  {{indexes}}
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var column in Columns)
            {
                migrationBuilder.Sql($"DROP INDEX IF EXISTS \"IX_Models_{column}_trgm\";");
            }
        }
    }
}
