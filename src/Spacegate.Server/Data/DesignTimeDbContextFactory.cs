using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Spacegate.Server.Data;

/// <summary>Used only by `dotnet ef` to create SQLite migrations (--context SpacegateDbContext).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SpacegateDbContext>
{
    public SpacegateDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SpacegateDbContext>().UseSqlite("Data Source=design-time.db");
        options.UseOpenIddict<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();
        return new SpacegateDbContext(options.Options);
    }
}
