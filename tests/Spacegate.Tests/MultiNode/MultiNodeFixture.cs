using Spacegate.Tests.Infrastructure;

namespace Spacegate.Tests.MultiNode;

/// <summary>One fresh PostgreSQL database with a <see cref="SpacegateCluster"/> on it, shared by a test class.</summary>
public sealed class MultiNodeFixture : IAsyncDisposable, Xunit.IAsyncLifetime
{
    private TestDatabase? _database;

    public SpacegateCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!TestDatabase.UsePostgreSql)
        {
            return; // every test of these classes is a [PostgreSqlFact]: skipped on SQLite
        }
        _database = await TestDatabase.CreateAsync();
        Cluster = await SpacegateCluster.StartAsync(_database.Settings);
    }

    /// <summary>
    /// These tests need PostgreSQL (several processes on one database); on SQLite they are skipped
    /// (<see cref="PostgreSqlFactAttribute"/>), and this guards against running them there anyway.
    /// </summary>
    public static void RequirePostgreSql()
    {
        if (!TestDatabase.UsePostgreSql)
        {
            throw new InvalidOperationException(
                $"Spacegate.Tests.MultiNode needs PostgreSQL: set {TestDatabase.ProviderVariable}=PostgreSQL and {TestDatabase.ConnectionVariable} " +
                "(see .ci/run), or exclude them with --filter \"FullyQualifiedName!~Spacegate.Tests.MultiNode\".");
        }
    }

    async Task Xunit.IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
