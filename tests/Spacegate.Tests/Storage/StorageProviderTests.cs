using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spacegate.Server;
using Spacegate.Server.Cli;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Storage;

/// <summary>Storage:Provider and Storage:ConnectionString choose the database; a bad combination stops the server with a message naming the setting.</summary>
public sealed class StorageProviderTests
{
    private const string SomePostgreSql = "Host=127.0.0.1;Port=1;Database=spacegate;Username=spacegate;Password=unused";

    [Fact]
    public async Task Provider_NotSet_IsSqliteWithItsOwnMigrations()
    {
        await using var app = Program.BuildApp(["--urls", "http://127.0.0.1:0", "--Storage:SqlitePath=unused.db"]);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();

        Assert.Equal(typeof(SpacegateDbContext), db.GetType());
        Assert.True(db.Database.IsSqlite());
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Contains(migrations, m => m.EndsWith("_Models", StringComparison.Ordinal));
        Assert.Contains(migrations, m => m.EndsWith("_TokenFamilies", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PostgreSQL")]
    [InlineData("postgresql")]
    public async Task Provider_PostgreSql_UsesNpgsqlWithItsOwnMigrations(string provider)
    {
        await using var app = Program.BuildApp(["--urls", "http://127.0.0.1:0", $"--Storage:Provider={provider}", $"--Storage:ConnectionString={SomePostgreSql}"]);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();

        Assert.IsType<PostgreSqlDbContext>(db);
        Assert.True(db.Database.IsNpgsql());
        Assert.Equal("Host=127.0.0.1;Port=1;Database=spacegate;Username=spacegate;Password=unused", db.Database.GetConnectionString());
        // Only the PostgreSQL set: none of SQLite's migrations (which hold SQLite column types) may run here.
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.DoesNotContain(migrations, m => m.EndsWith("_Models", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sqlite", "dotnet ef migrations add NAME --project src/Spacegate.Server --context SpacegateDbContext")]
    [InlineData("PostgreSQL", "dotnet ef migrations add NAME --project src/Spacegate.Server --context PostgreSqlDbContext --output-dir Data/Migrations/PostgreSQL")]
    public async Task Migrations_OfEachProvider_CoverTheWholeModel(string provider, string addCommand)
    {
        // A model change needs a migration for each provider; without one, Migrate refuses to run on that provider.
        await using var app = Program.BuildApp(["--urls", "http://127.0.0.1:0", $"--Storage:Provider={provider}",
            "--Storage:SqlitePath=unused.db", $"--Storage:ConnectionString={SomePostgreSql}"]);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations lag behind the model: run `{addCommand}`.");
    }

    [Theory]
    [InlineData("MySql", null, "Storage:Provider 'MySql' is not supported")]
    [InlineData("", null, "Storage:Provider '' is not supported")]
    [InlineData("PostgreSQL", null, "Storage:ConnectionString (Storage__ConnectionString) is empty")]
    [InlineData("PostgreSQL", "  ", "Storage:ConnectionString (Storage__ConnectionString) is empty")]
    [InlineData("PostgreSQL", "Database=spacegate", "Storage:ConnectionString must name a Host and a Database")]
    [InlineData("PostgreSQL", "Host=db", "Storage:ConnectionString must name a Host and a Database")]
    [InlineData("PostgreSQL", "Host=db;Database=x;Colour=blue", "Storage:ConnectionString is not a valid Npgsql connection string")]
    public async Task Start_BadStorageSettings_IsRefusedNamingTheSetting(string provider, string? connectionString, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await TestServer.StartAsync(new() { ["Storage:Provider"] = provider, ["Storage:ConnectionString"] = connectionString });
        });

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Start_MalformedConnectionString_DoesNotEchoThePassword()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await TestServer.StartAsync(new()
            {
                ["Storage:Provider"] = "PostgreSQL",
                ["Storage:ConnectionString"] = "Host=db;Database=x;Password=hunter2-secret;Bogus=1",
            });
        });

        Assert.Contains("Storage:ConnectionString", error.Message);
        Assert.DoesNotContain("hunter2-secret", error.Message);
    }

    [Fact]
    public async Task Cli_BadProvider_ExitsWithAConfigurationError()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["migrate"], output, error, builder =>
        {
            builder.Configuration["Storage:Provider"] = "Oracle";
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        });

        Assert.Equal(1, code);
        Assert.Contains("Configuration error", error.ToString());
        Assert.Contains("Storage:Provider 'Oracle' is not supported; use 'Sqlite' or 'PostgreSQL'", error.ToString());
    }

    [Fact]
    public async Task Cli_TestDatabase_ReportsWhereItWorksWithoutThePassword()
    {
        await using var database = await TestDatabase.CreateAsync();
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["migrate"], output, error, builder =>
        {
            database.Apply(builder.Configuration);
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        });

        Assert.Equal(0, code);
        if (database.ConnectionString is { } connectionString)
        {
            var name = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            Assert.Contains($"(database: PostgreSQL {name.Host}:{name.Port}/{name.Database})", error.ToString());
            Assert.DoesNotContain(name.Password!, error.ToString() + output);
        }
        else
        {
            Assert.Contains($"(database: {database.SqlitePath})", error.ToString());
        }
    }

    [Fact]
    public async Task DateTimeOffset_WithANonZeroOffset_IsStoredAsTheSameInstant()
    {
        // Npgsql refuses non-UTC offsets for timestamptz; the context converts, so callers need not care.
        await using var server = await TestServer.StartAsync();
        var created = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            db.ServerKeys.Add(new ServerKey { Purpose = "test-offset", Pem = "x", CreatedAt = created });
            await db.SaveChangesAsync();
        }
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            var stored = await db.ServerKeys.AsNoTracking().SingleAsync(k => k.Purpose == "test-offset");
            Assert.Equal(created.UtcDateTime, stored.CreatedAt.UtcDateTime);
            if (!db.Database.IsNpgsql())
            {
                return; // SQLite's integer encoding compares clock times of each value's own offset (see ModelSearchTranslator).
            }
            // On PostgreSQL comparisons run on the instant: 05:08:09Z is after 05:00Z and before 05:10Z.
            Assert.True(await db.ServerKeys.AnyAsync(k => k.Purpose == "test-offset"
                && k.CreatedAt > new DateTimeOffset(2031, 5, 6, 5, 0, 0, TimeSpan.Zero)
                && k.CreatedAt < new DateTimeOffset(2031, 5, 6, 5, 10, 0, TimeSpan.Zero)));
        }
    }
}
