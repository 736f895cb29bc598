using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spacegate.Server.Data.Migrations.PostgreSQL
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
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
            migrationBuilder.Sql("""
                CREATE FUNCTION spacegate_raise_clients_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "CacheVersions" SET "Version" = "Version" + 1 WHERE "Name" = 'clients';
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_OpenIddictApplications_ClientsVersion"
                    AFTER INSERT OR UPDATE OR DELETE ON "OpenIddictApplications"
                    FOR EACH STATEMENT EXECUTE FUNCTION spacegate_raise_clients_version();
                CREATE TRIGGER "TR_Accounts_ClientsVersion"
                    AFTER UPDATE OR DELETE ON "Accounts"
                    FOR EACH STATEMENT EXECUTE FUNCTION spacegate_raise_clients_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "TR_OpenIddictApplications_ClientsVersion" ON "OpenIddictApplications";
                DROP TRIGGER IF EXISTS "TR_Accounts_ClientsVersion" ON "Accounts";
                DROP FUNCTION IF EXISTS spacegate_raise_clients_version();
                """);
            migrationBuilder.DropTable(
                name: "CacheVersions");
        }
    }
}
