using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spacegate.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelStateVisibilityIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Models_AccountId_State_AccessVisibility",
                table: "Models",
                columns: new[] { "AccountId", "State", "AccessVisibility" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Models_AccountId_State_AccessVisibility",
                table: "Models");
        }
    }
}
