using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spacegate.Server.Data.Migrations
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
            // still valid going, and any change to a grant or a valid grant going. Issuing tokens and redeeming codes
            // or refresh tokens leave it alone. See Data/CacheVersion.cs and ModelApi/BearerTokenCache.cs.
            foreach (var (name, when, table, condition) in Triggers)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{name}" AFTER {when} ON "{table}" WHEN {condition}
                    BEGIN
                        UPDATE "CacheVersions" SET "Version" = "Version" + 1 WHERE "Name" = 'tokens';
                    END;
                    """);
            }
        }

        private const string AccessToken = "OLD.\"Type\" = 'urn:ietf:params:oauth:token-type:access_token'";

        private static readonly (string Name, string When, string Table, string Condition)[] Triggers =
        [
            ("TR_OpenIddictTokens_UPDATE_TokensVersion", "UPDATE", "OpenIddictTokens", AccessToken),
            ("TR_OpenIddictTokens_DELETE_TokensVersion", "DELETE", "OpenIddictTokens", AccessToken + " AND OLD.\"Status\" = 'valid'"),
            ("TR_OpenIddictAuthorizations_UPDATE_TokensVersion", "UPDATE", "OpenIddictAuthorizations", "1"),
            ("TR_OpenIddictAuthorizations_DELETE_TokensVersion", "DELETE", "OpenIddictAuthorizations", "OLD.\"Status\" = 'valid'"),
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Triggers)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger.Name}\";");
            }
            migrationBuilder.DeleteData(
                table: "CacheVersions",
                keyColumn: "Name",
                keyValue: "tokens");
        }
    }
}
