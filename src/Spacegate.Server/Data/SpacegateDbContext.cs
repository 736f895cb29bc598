using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Spacegate.Server.Domain;
using Spacegate.Server.Models;

namespace Spacegate.Server.Data;

/// <summary>
/// The one model of both providers. This type is the SQLite context (its migrations are in Data/Migrations);
/// <see cref="PostgreSqlDbContext"/> adds nothing but its own type, so that its migrations (Data/Migrations/PostgreSQL)
/// are kept apart. Services always ask for this type.
/// </summary>
public class SpacegateDbContext : IdentityDbContext<SpacegateUser>, IDataProtectionKeyContext
{
    public SpacegateDbContext(DbContextOptions<SpacegateDbContext> options)
        : base(options)
    {
    }

    protected SpacegateDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AccountMembership> Memberships => Set<AccountMembership>();
    public DbSet<OAuthApplication> Applications => Set<OAuthApplication>();
    public DbSet<OAuthGrant> Grants => Set<OAuthGrant>();
    public DbSet<OAuthToken> Tokens => Set<OAuthToken>();
    public DbSet<RefreshTokenRotation> RefreshTokenRotations => Set<RefreshTokenRotation>();
    public DbSet<SandboxClockState> SandboxClock => Set<SandboxClockState>();
    public DbSet<CacheVersion> CacheVersions => Set<CacheVersion>();
    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Model> Models => Set<Model>();
    public DbSet<ModelFile> ModelFiles => Set<ModelFile>();
    public DbSet<ModelBundle> ModelBundles => Set<ModelBundle>();
    public DbSet<BundlePurchase> Purchases => Set<BundlePurchase>();
    public DbSet<Audit.AuditEvent> AuditEvents => Set<Audit.AuditEvent>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or sort DateTimeOffset columns; store them as sortable integers.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
        // timestamptz holds an instant and Npgsql refuses a non-zero offset: store every value as UTC.
        else if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
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
        builder.Entity<OAuthToken>(e =>
        {
            e.Property(t => t.FamilyId).HasMaxLength(100);
            e.HasIndex(t => t.FamilyId);
            // The prune walks old tokens in creation order and never reads the young ones (TokenPruner).
            e.HasIndex(t => new { t.CreationDate, t.Id });
        });
        builder.Entity<RefreshTokenRotation>(e =>
        {
            e.HasKey(r => r.TokenId);
            // Finds the successors whose reuse leeway has passed, so they can be erased.
            e.HasIndex(r => r.RotatedAt).HasFilter("\"ProtectedSuccessor\" IS NOT NULL");
        });
        builder.Entity<ServerKey>().HasKey(k => k.Purpose);
        builder.Entity<CacheVersion>(e =>
        {
            e.HasKey(v => v.Name);
            e.Property(v => v.Name).HasMaxLength(50);
            e.HasData(new CacheVersion { Name = CacheVersion.Clients, Version = 0 }, new CacheVersion { Name = CacheVersion.Tokens, Version = 0 });
        });
        builder.Entity<Audit.AuditEvent>(e =>
        {
            e.Property(a => a.Id).HasMaxLength(32);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Actor).HasMaxLength(450);
            e.Property(a => a.ActorEmail).HasMaxLength(256);
            e.Property(a => a.AccountId).HasMaxLength(450);
            e.Property(a => a.ClientId).HasMaxLength(100);
            e.Property(a => a.TargetId).HasMaxLength(450);
            e.Property(a => a.Details).HasMaxLength(4000);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.AccountId, a.Id }); // ids are time-ordered: pages of one account, newest first
            e.HasIndex(a => new { a.ClientId, a.Id });
        });
        ConfigureModels(builder);
        SqliteModelTextIndex.Register(builder);
    }

    private static void ConfigureModels(ModelBuilder builder)
    {
        builder.Entity<Model>(e =>
        {
            e.Property(m => m.Id).HasMaxLength(11);
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.Description).HasMaxLength(4000);
            e.Property(m => m.InternalId).HasMaxLength(200);
            e.HasOne(m => m.Account).WithMany().HasForeignKey(m => m.AccountId);
            e.OwnsOne(m => m.Address, a =>
            {
                a.Property(x => x.StreetAddressLines).HasMaxLength(1000);
                a.Property(x => x.Locality).HasMaxLength(200);
                a.Property(x => x.AdministrativeArea).HasMaxLength(200);
                a.Property(x => x.PostalCode).HasMaxLength(40);
                a.Property(x => x.CountryCode).HasMaxLength(2);
            });
            e.Navigation(m => m.Address).IsRequired();
            e.HasIndex(m => new { m.AccountId, m.InternalId }).IsUnique().HasFilter("\"InternalId\" IS NOT NULL");
            e.HasIndex(m => new { m.AccountId, m.Created });
            e.HasIndex(m => new { m.AccountId, m.Modified });
            e.HasIndex(m => new { m.AccountId, m.Name });
            e.HasIndex(m => new { m.AccountId, m.State, m.AccessVisibility });
            e.HasMany(m => m.Files).WithOne(f => f.Model).HasForeignKey(f => f.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Bundles).WithOne(b => b.Model).HasForeignKey(b => b.ModelId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ModelFile>(e =>
        {
            e.HasIndex(f => f.ModelId);
            e.Property(f => f.FileName).HasMaxLength(200);
            e.Property(f => f.ContentType).HasMaxLength(100);
        });
        builder.Entity<ModelBundle>(e =>
        {
            e.HasKey(b => new { b.ModelId, b.BundleId });
            e.Property(b => b.BundleId).HasMaxLength(100);
            e.Property(b => b.Currency).HasMaxLength(3);
        });
        builder.Entity<BundlePurchase>(e =>
        {
            e.HasIndex(p => new { p.AccountId, p.PurchasedAt });
            e.Property(p => p.Currency).HasMaxLength(3);
        });
    }
}
