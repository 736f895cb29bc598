using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Spacegate.Server.Data;

/// <summary>
/// Used only by `dotnet ef` to create PostgreSQL migrations (--context PostgreSqlDbContext
/// --output-dir Data/Migrations/PostgreSQL); no server is contacted.
/// </summary>
public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql("Host=localhost;Database=spacegate_design");
        options.UseOpenIddict<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();
        return new PostgreSqlDbContext(options.Options);
    }
}
