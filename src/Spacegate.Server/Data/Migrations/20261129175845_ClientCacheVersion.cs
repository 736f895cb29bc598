using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spacegate.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClientCacheVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CacheVersions",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CacheVersions", x => x.Name);
                });

            migrationBuilder.InsertData(
                table: "CacheVersions",
                columns: new[] { "Name", "Version" },
                values: new object[] { "clients", 0L });

            // Any change to an application, or to an account (its flags decide what its apps may do), raises the
            // counter in the same transaction, whoever makes it; see Data/CacheVersion.cs and OAuth/ClientCache.
            foreach (var (table, events) in Watched)
            {
                foreach (var when in events)
                {
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "TR_{table}_{when}_ClientsVersion" AFTER {when} ON "{table}"
                        BEGIN
                            UPDATE "CacheVersions" SET "Version" = "Version" + 1 WHERE "Name" = 'clients';
                        END;
                        """);
                }
            }
        }

        private static readonly (string Table, string[] Events)[] Watched =
        [
            ("OpenIddictApplications", ["INSERT", "UPDATE", "DELETE"]),
            ("Accounts", ["UPDATE", "DELETE"]),
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, events) in Watched)
            {
                foreach (var when in events)
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"TR_{table}_{when}_ClientsVersion\";");
                }
            }
            migrationBuilder.DropTable(
                name: "CacheVersions");
        }
    }
}
