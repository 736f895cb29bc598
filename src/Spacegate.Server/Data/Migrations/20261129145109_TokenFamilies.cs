using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spacegate.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class TokenFamilies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FamilyId",
                table: "OpenIddictTokens",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // Tokens issued before families existed: their family is their grant, so revoking one of them
            // still ends everything issued with it (as before), and nothing is left unrevocable.
            migrationBuilder.Sql("UPDATE \"OpenIddictTokens\" SET \"FamilyId\" = \"AuthorizationId\" WHERE \"AuthorizationId\" IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_RefreshTokenRotations_RotatedAt",
                table: "RefreshTokenRotations",
                column: "RotatedAt",
                filter: "\"ProtectedSuccessor\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_FamilyId",
                table: "OpenIddictTokens",
                column: "FamilyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RefreshTokenRotations_RotatedAt",
                table: "RefreshTokenRotations");

            migrationBuilder.DropIndex(
                name: "IX_OpenIddictTokens_FamilyId",
                table: "OpenIddictTokens");

            migrationBuilder.DropColumn(
                name: "FamilyId",
                table: "OpenIddictTokens");
        }
    }
}
