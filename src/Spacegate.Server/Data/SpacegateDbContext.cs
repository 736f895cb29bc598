using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Data;

public sealed class SpacegateDbContext(DbContextOptions<SpacegateDbContext> options)
    : IdentityDbContext<SpacegateUser>(options), IDataProtectionKeyContext
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AccountMembership> Memberships => Set<AccountMembership>();
    public DbSet<OAuthApplication> Applications => Set<OAuthApplication>();
    public DbSet<OAuthGrant> Grants => Set<OAuthGrant>();
    public DbSet<OAuthToken> Tokens => Set<OAuthToken>();
    public DbSet<RefreshTokenRotation> RefreshTokenRotations => Set<RefreshTokenRotation>();
    public DbSet<SandboxClockState> SandboxClock => Set<SandboxClockState>();
    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or sort DateTimeOffset columns; store them as sortable integers.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();

        builder.Entity<Account>(e =>
        {
            e.Property(a => a.Name).HasMaxLength(200);
            e.HasMany(a => a.Members).WithOne(m => m.Account).HasForeignKey(m => m.AccountId);
        });
        builder.Entity<AccountMembership>(e =>
        {
            e.HasKey(m => new { m.AccountId, m.UserId });
            e.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId);
            e.HasIndex(m => m.UserId);
        });
        builder.Entity<SpacegateUser>().Property(u => u.DisplayName).HasMaxLength(200);
        builder.Entity<OAuthApplication>(e =>
        {
            e.HasOne(a => a.Account).WithMany().HasForeignKey(a => a.AccountId);
            e.HasIndex(a => a.DisplayName).IsUnique();
            e.HasIndex(a => a.AccountId);
            e.HasIndex(a => a.Mode);
        });
        builder.Entity<OAuthGrant>().HasIndex(g => g.AccountId);
        builder.Entity<RefreshTokenRotation>().HasKey(r => r.TokenId);
        builder.Entity<ServerKey>().HasKey(k => k.Purpose);
    }
}
