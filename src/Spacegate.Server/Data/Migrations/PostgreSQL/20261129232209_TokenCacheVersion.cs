using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spacegate.Server.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class TokenCacheVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "CacheVersions",
                columns: new[] { "Name", "Version" },
                values: new object[] { "tokens", 0L });

            // What can make a cached "this access token is valid" wrong raises the counter in the same transaction,
            // whoever makes the change: any change to an access token's row (revocation), an access token that was
            // still valid going, and any change to a grant or a grant going. Issuing tokens and redeeming codes or
            // refresh tokens leave it alone. Once per statement, so a prune of millions of rows raises it once per
            // batch. See Data/CacheVersion.cs and ModelApi/BearerTokenCache.cs.
            migrationBuilder.Sql("""
                CREATE FUNCTION spacegate_raise_tokens_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "CacheVersions" SET "Version" = "Version" + 1 WHERE "Name" = 'tokens';
                    RETURN NULL;
                END $$;
                CREATE FUNCTION spacegate_raise_tokens_version_for_access_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM old_rows WHERE "Type" = 'urn:ietf:params:oauth:token-type:access_token'
                            AND (TG_OP = 'UPDATE' OR "Status" = 'valid')) THEN
                        UPDATE "CacheVersions" SET "Version" = "Version" + 1 WHERE "Name" = 'tokens';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_OpenIddictTokens_Update_TokensVersion" AFTER UPDATE ON "OpenIddictTokens"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION spacegate_raise_tokens_version_for_access_tokens();
                CREATE TRIGGER "TR_OpenIddictTokens_Delete_TokensVersion" AFTER DELETE ON "OpenIddictTokens"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION spacegate_raise_tokens_version_for_access_tokens();
                CREATE TRIGGER "TR_OpenIddictAuthorizations_TokensVersion" AFTER UPDATE OR DELETE ON "OpenIddictAuthorizations"
                    FOR EACH STATEMENT EXECUTE FUNCTION spacegate_raise_tokens_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "TR_OpenIddictTokens_Update_TokensVersion" ON "OpenIddictTokens";
                DROP TRIGGER IF EXISTS "TR_OpenIddictTokens_Delete_TokensVersion" ON "OpenIddictTokens";
                DROP TRIGGER IF EXISTS "TR_OpenIddictAuthorizations_TokensVersion" ON "OpenIddictAuthorizations";
                DROP FUNCTION IF EXISTS spacegate_raise_tokens_version();
                DROP FUNCTION IF EXISTS spacegate_raise_tokens_version_for_access_tokens();
                """);
            migrationBuilder.DeleteData(
                table: "CacheVersions",
                keyColumn: "Name",
                keyValue: "tokens");
        }
    }
}
