using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spacegate.Server.Data.Migrations
{
    /// <summary>
    /// SQLite only: the full-text index of the Model API search (<see cref="SqliteModelTextIndex"/>). An FTS5 table with
    /// the trigram tokenizer over the searched text columns of <c>Models</c>, external content (the text stays in
    /// <c>Models</c>; the index holds only trigrams, keyed by the <c>Models</c> rowid), kept in step by three triggers and
    /// filled from the existing rows. Every write to <c>Models</c> goes through them, EF Core's and the bulk insert's alike.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <c>ModelCounts</c> holds the number of models of each account by state and access visibility, kept by triggers
    /// too: <c>totalResults</c> of a search that only filters on those (<c>*</c>, <c>state:</c>, <c>accessVisibility:</c>)
    /// is read from it instead of counting every model (<see cref="ModelApi.ModelSearchTotals"/>).
    /// </para>
    /// <para>
    /// Query planner statistics: without <c>ANALYZE</c> data SQLite assumes that <c>AccountId = ?</c> selects about ten
    /// rows, so it would read every model of the account and probe the index's matches rather than read the matches.
    /// This migration therefore gives the <c>Models</c> indexes the statistics of one large account (100,000 models,
    /// about half of them in each account), the documented way to steer the planner; it adds them only where
    /// <c>ANALYZE</c> has not written any for <c>Models</c>, and a later <c>ANALYZE</c> replaces them with real ones.
    /// </para>
    /// <para>
    /// The index is keyed by the implicit rowid of <c>Models</c>, which <c>VACUUM</c> may renumber. After a
    /// <c>VACUUM</c>, rebuild it: <c>INSERT INTO "ModelsFts"("ModelsFts") VALUES('rebuild');</c>. A later migration that
    /// rebuilds the <c>Models</c> table (SQLite's way of altering a column) drops the six triggers with it: it must create
    /// them again and rebuild the index and the counts.
    /// </para>
    /// </remarks>
    public partial class SearchFullTextIndex : Migration
    {
        private const string Columns =
            "\"Name\", \"Description\", \"Address_StreetAddressLines\", \"Address_Locality\", \"Address_AdministrativeArea\", \"Address_PostalCode\"";

        private const string NewValues =
            "new.\"Name\", new.\"Description\", new.\"Address_StreetAddressLines\", new.\"Address_Locality\", new.\"Address_AdministrativeArea\", new.\"Address_PostalCode\"";

        private const string OldValues =
            "old.\"Name\", old.\"Description\", old.\"Address_StreetAddressLines\", old.\"Address_Locality\", old.\"Address_AdministrativeArea\", old.\"Address_PostalCode\"";

        private static readonly (string Index, string Stat)[] Statistics =
        [
            ("sqlite_autoindex_Models_1", "100000 1"),
            ("IX_Models_AccountId_Created", "100000 50000 1"),
            ("IX_Models_AccountId_Modified", "100000 50000 1"),
            ("IX_Models_AccountId_Name", "100000 50000 2"),
            ("IX_Models_AccountId_InternalId", "100000 50000 1"),
            ("IX_Models_AccountId_State_AccessVisibility", "100000 50000 25000 8000"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "ModelsFts" USING fts5({Columns}, content='Models', tokenize='trigram');
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "Models_ModelsFts_Insert" AFTER INSERT ON "Models" BEGIN
                  INSERT INTO "ModelsFts"(rowid, {Columns}) VALUES (new.rowid, {NewValues});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "Models_ModelsFts_Delete" AFTER DELETE ON "Models" BEGIN
                  INSERT INTO "ModelsFts"("ModelsFts", rowid, {Columns}) VALUES ('delete', old.rowid, {OldValues});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "Models_ModelsFts_Update" AFTER UPDATE OF {Columns} ON "Models" BEGIN
                  INSERT INTO "ModelsFts"("ModelsFts", rowid, {Columns}) VALUES ('delete', old.rowid, {OldValues});
                  INSERT INTO "ModelsFts"(rowid, {Columns}) VALUES (new.rowid, {NewValues});
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "ModelsFts"("ModelsFts") VALUES('rebuild');""");

            migrationBuilder.Sql("""
                CREATE TABLE "ModelCounts" (
                  "AccountId" TEXT NOT NULL, "State" INTEGER NOT NULL, "AccessVisibility" INTEGER NOT NULL, "Count" INTEGER NOT NULL,
                  PRIMARY KEY ("AccountId", "State", "AccessVisibility")) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Models_ModelCounts_Insert" AFTER INSERT ON "Models" BEGIN
                  INSERT INTO "ModelCounts" VALUES (new."AccountId", new."State", new."AccessVisibility", 1)
                    ON CONFLICT ("AccountId", "State", "AccessVisibility") DO UPDATE SET "Count" = "Count" + 1;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Models_ModelCounts_Delete" AFTER DELETE ON "Models" BEGIN
                  UPDATE "ModelCounts" SET "Count" = "Count" - 1
                    WHERE "AccountId" = old."AccountId" AND "State" = old."State" AND "AccessVisibility" = old."AccessVisibility";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Models_ModelCounts_Update" AFTER UPDATE OF "AccountId", "State", "AccessVisibility" ON "Models" BEGIN
                  UPDATE "ModelCounts" SET "Count" = "Count" - 1
                    WHERE "AccountId" = old."AccountId" AND "State" = old."State" AND "AccessVisibility" = old."AccessVisibility";
                  INSERT INTO "ModelCounts" VALUES (new."AccountId", new."State", new."AccessVisibility", 1)
                    ON CONFLICT ("AccountId", "State", "AccessVisibility") DO UPDATE SET "Count" = "Count" + 1;
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ModelCounts" SELECT "AccountId", "State", "AccessVisibility", count(*) FROM "Models" WHERE true
                  GROUP BY "AccountId", "State", "AccessVisibility";
                """);

            // ANALYZE of the (index-less) schema table creates sqlite_stat1 if need be; the second one reloads the statistics.
            migrationBuilder.Sql("ANALYZE sqlite_schema;");
            var rows = string.Join(", ", Statistics.Select(s => $"('Models', '{s.Index}', '{s.Stat}')"));
            migrationBuilder.Sql($"""
                INSERT INTO sqlite_stat1(tbl, idx, stat)
                SELECT * FROM (VALUES {rows})
                WHERE NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = 'Models');
                """);
            migrationBuilder.Sql("ANALYZE sqlite_schema;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Models_ModelCounts_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Models_ModelCounts_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Models_ModelCounts_Insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ModelCounts";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Models_ModelsFts_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Models_ModelsFts_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Models_ModelsFts_Insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ModelsFts";""");
            // The planner statistics stay: they describe Models, not the index.
        }
    }
}
