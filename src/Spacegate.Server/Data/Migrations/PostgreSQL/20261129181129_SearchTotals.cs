using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spacegate.Server.Data.Migrations.PostgreSQL
{
    /// <summary>
    /// PostgreSQL only: <c>ModelCounts</c>, the number of models of each account by state and access visibility, kept by
    /// a trigger on <c>Models</c>, so that <c>totalResults</c> of a search that only filters on those (<c>*</c>,
    /// <c>state:</c>, <c>accessVisibility:</c>) is read from it instead of counting every model
    /// (<see cref="ModelApi.ModelSearchTotals"/>). The trigger adds its deltas in one statement, in key order, so two
    /// transactions that move models between the same two rows lock them in the same order and cannot deadlock.
    /// </summary>
    public partial class SearchTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ModelCounts" (
                  "AccountId" text NOT NULL, "State" integer NOT NULL, "AccessVisibility" integer NOT NULL, "Count" bigint NOT NULL,
                  PRIMARY KEY ("AccountId", "State", "AccessVisibility"));
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION "Models_ModelCounts"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO "ModelCounts"
                  SELECT d."AccountId", d."State", d."AccessVisibility", sum(d."Delta")
                  FROM (
                    SELECT OLD."AccountId", OLD."State", OLD."AccessVisibility", -1 WHERE TG_OP IN ('UPDATE', 'DELETE')
                    UNION ALL
                    SELECT NEW."AccountId", NEW."State", NEW."AccessVisibility", 1 WHERE TG_OP IN ('UPDATE', 'INSERT')
                  ) AS d("AccountId", "State", "AccessVisibility", "Delta")
                  GROUP BY d."AccountId", d."State", d."AccessVisibility"
                  ORDER BY d."AccountId", d."State", d."AccessVisibility"
                  ON CONFLICT ("AccountId", "State", "AccessVisibility")
                    DO UPDATE SET "Count" = "ModelCounts"."Count" + EXCLUDED."Count";
                  RETURN NULL;
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Models_ModelCounts" AFTER INSERT OR DELETE OR UPDATE OF "AccountId", "State", "AccessVisibility"
                  ON "Models" FOR EACH ROW EXECUTE FUNCTION "Models_ModelCounts"();
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ModelCounts" SELECT "AccountId", "State", "AccessVisibility", count(*) FROM "Models"
                  GROUP BY "AccountId", "State", "AccessVisibility";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Models_ModelCounts" ON "Models";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "Models_ModelCounts"();""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ModelCounts";""");
        }
    }
}
