using System.Net.Sockets;

namespace Spacegate.Tests.MultiNode;

/// <summary>
/// nginx in front of two nodes, rendered from nginx.conf.template (the directives of deploy/nginx/spacegate.conf) into
/// its own temp prefix, run in the foreground (<c>daemon off</c>) as a child of the test, listening on 127.0.0.1 only.
/// Its master and worker are killed by PID and the prefix removed on dispose.
/// </summary>
public sealed class NginxProcess : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _prefix;

    private NginxProcess(ChildProcess process, string prefix)
    {
        _process = process;
        _prefix = prefix;
    }

    public string ErrorLog => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : "";

    public static async Task<NginxProcess> StartAsync(int port, int nodeA, int nodeB)
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed (.ci/run installs it: apt-get install nginx-light).");
        var prefix = Path.Combine(Path.GetTempPath(), "spacegate-nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(prefix);
        var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "MultiNode", "nginx.conf.template"));
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, template
            .Replace("{{PREFIX}}", prefix, StringComparison.Ordinal)
            .Replace("{{PORT}}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{NODE_A}}", nodeA.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{NODE_B}}", nodeB.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var process = ChildProcess.Start("nginx", binary, ["-p", prefix, "-c", config, "-e", Path.Combine(prefix, "error.log")], prefix);
        var nginx = new NginxProcess(process, prefix);
        try
        {
            await WaitListeningAsync(port, process);
            return nginx;
        }
        catch
        {
            var log = nginx.ErrorLog;
            nginx.Dispose();
            throw new InvalidOperationException($"nginx did not start.\n{process.Output}\n{log}");
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task WaitListeningAsync(int port, ChildProcess process)
    {
        for (var attempt = 0; attempt < 100 && !process.HasExited; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException("nginx is not listening on " + port);
    }
}
