using System.Diagnostics;
using Npgsql;

namespace Spacegate.Tests.MultiNode;

/// <summary>
/// A PostgreSQL cluster of its own (.ci/pg-start.sh on a free port, data in a temp folder) that a test may stop and
/// start without hurting the tests that use the shared one. Stopped (by pg_ctl, on its own data folder) and removed on
/// dispose.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _root;
    private readonly int _port;
    private readonly string _bin;

    /// <summary>A database created on this cluster for the nodes.</summary>
    public string ConnectionString { get; }

    private ThrowawayPostgres(string root, int port, string bin, string connectionString)
    {
        _root = root;
        _port = port;
        _bin = bin;
        ConnectionString = connectionString;
    }

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var port = ChildProcess.FreePort();
        // Reachable by the postgres user when the tests run as root (pg-start.sh runs the cluster as postgres then).
        var root = Path.Combine("/tmp", "spacegate-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var script = Path.Combine(SpacegateCluster.RepositoryRoot(), ".ci", "pg-start.sh");
        var (code, output) = await RunAsync("bash", [script], new() { ["PGPORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PGROOT"] = root });
        var admin = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith("Host=", StringComparison.Ordinal));
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .OrderBy(v => int.TryParse(Path.GetFileName(Path.GetDirectoryName(v)), out var n) ? n : 0).Last();
        var postgres = new ThrowawayPostgres(root, port, bin, "");
        if (code != 0 || admin is null || !admin.StartsWith("Host=", StringComparison.Ordinal))
        {
            await postgres.DisposeAsync();
            throw new InvalidOperationException($"pg-start.sh failed ({code}): {output}");
        }
        // pg-start.sh turns synchronous_commit off for speed, which loses the last commits in a crash: restart with
        // it on, as in production, since these tests crash the cluster and count what survived.
        await postgres.PgCtlAsync("-D", Path.Combine(root, "data"), "-m", "fast", "-w", "-t", "30", "stop");
        await postgres.StartAgainAsync();
        await using (var connection = new NpgsqlConnection(admin + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE spacegate", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new ThrowawayPostgres(root, port, bin, new NpgsqlConnectionStringBuilder(admin) { Database = "spacegate" }.ConnectionString);
    }

    /// <summary>A crash-like stop: no goodbye to the connected clients.</summary>
    public async Task StopImmediatelyAsync()
    {
        var (code, output) = await PgCtlAsync("-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "-t", "30", "stop");
        if (code != 0)
        {
            throw new InvalidOperationException("pg_ctl stop failed: " + output);
        }
    }

    /// <summary>
    /// Starts the stopped cluster again with the options of .ci/pg-start.sh, except synchronous_commit=on: a commit
    /// is in the WAL before the client hears of it, so an immediate stop loses no answered write (fsync stays off: the
    /// operating system, which keeps running, still has the data).
    /// </summary>
    public async Task StartAgainAsync()
    {
        var (code, output) = await PgCtlAsync("-D", Path.Combine(_root, "data"), "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=on -c full_page_writes=off -c max_connections=300",
            "start");
        if (code != 0)
        {
            throw new InvalidOperationException("pg_ctl start failed: " + output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_root, "data", "postmaster.pid")))
        {
            await PgCtlAsync("-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "-t", "30", "stop");
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task<(int Code, string Output)> PgCtlAsync(params string[] args)
    {
        var pgCtl = Path.Combine(_bin, "pg_ctl");
        // As root, pg-start.sh runs the cluster as the postgres user; pg_ctl must too.
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", pgCtl, .. args], [])
            : RunAsync(pgCtl, args, []);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + "\n" + await error);
    }
}
