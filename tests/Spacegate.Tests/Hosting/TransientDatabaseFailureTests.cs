using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Spacegate.Server.Hosting;
using Xunit;

namespace Spacegate.Tests.Hosting;

/// <summary>
/// Which failures are a database out of reach for a moment (503 + Retry-After, so clients and nginx retry) and which
/// are bugs (500). The whole path, with PostgreSQL really stopped, is Spacegate.Tests.MultiNode.OutageTests.
/// </summary>
public sealed class TransientDatabaseFailureTests
{
    public static TheoryData<Exception> Transient() =>
    [
        new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)),
        new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
        // What EF Core's retrying execution strategy throws once it gives up.
        new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Exception while reading from stream", new IOException())),
        new PostgresException("the database system is shutting down", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown),
        new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections),
        new DbUpdateException("save failed", new SqliteException("database is locked", 5)),
    ];

    public static TheoryData<Exception> NotTransient() =>
    [
        new PostgresException("relation does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable),
        new DbUpdateException("save failed", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)),
        new SqliteException("no such table: OpenIddictTokens", 1),
        new InvalidOperationException("Sequence contains no elements"),
        new TimeoutException("not from the database"),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public void StatusCodeFor_DatabaseOutOfReach_ServiceUnavailable(Exception exception)
    {
        Assert.True(UnexpectedErrorHandler.IsTransientDatabaseFailure(exception));
        Assert.Equal(503, UnexpectedErrorHandler.StatusCodeFor(exception));
    }

    [Theory]
    [MemberData(nameof(NotTransient))]
    public void StatusCodeFor_BugOrPermanentDatabaseError_InternalServerError(Exception exception)
    {
        Assert.False(UnexpectedErrorHandler.IsTransientDatabaseFailure(exception));
        Assert.Equal(500, UnexpectedErrorHandler.StatusCodeFor(exception));
    }
}
