using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Spacegate.Tests.Infrastructure;

/// <summary>
/// Records the SQL that EF Core runs against one test server's database (the servers run in this process), so a
/// test can count the queries a request costs. Other test classes use other database files and are not recorded.
/// </summary>
public sealed class SqlCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _databasePath;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentQueue<string> _commands = new();

    public SqlCommandRecorder(TestServer server)
    {
        _databasePath = server.Database.Name;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    /// <summary>
    /// EF Core's command loggers cache "nobody listens" for up to its logging cache time (1 s by default), each pooled
    /// DbContext on its own; after that long since subscribing, every command is reported. A real-time wait because it
    /// is a real-time cache inside EF Core, not the server's clock.
    /// </summary>
    public async Task StartAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Clear();
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data &&
            data.Command.Connection?.ConnectionString.Contains(_databasePath, StringComparison.Ordinal) == true)
        {
            _commands.Enqueue(data.Command.CommandText);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }
}
