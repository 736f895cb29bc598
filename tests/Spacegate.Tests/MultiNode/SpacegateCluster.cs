using System.Net;
using Spacegate.Server.Cli;

namespace Spacegate.Tests.MultiNode;

/// <summary>
/// Two Spacegate nodes as separate OS processes (<c>dotnet spacegate.dll</c>, so killing one is a real <c>kill -9</c>)
/// on one PostgreSQL database, each on its own 127.0.0.1 port, behind nginx (<see cref="NginxProcess"/>). Both nodes
/// have the nginx address as Spacegate:PublicBaseUrl, so they are one issuer. The nodes read the real clock (plus the
/// sandbox offset in the database): no fake time here. Everything started is stopped by PID on dispose.
/// </summary>
public sealed class SpacegateCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly IReadOnlyDictionary<string, string?> _storage;
    private readonly List<ChildProcess> _processes = [];

    public Uri NodeA { get; }
    public Uri NodeB { get; }
    public Uri Proxy { get; }
    public ChildProcess ProcessA => _processes[0];
    public ChildProcess ProcessB => _processes[1];
    public NginxProcess? Nginx { get; private set; }

    private SpacegateCluster(IReadOnlyDictionary<string, string?> storage, int portA, int portB, int proxyPort)
    {
        _storage = storage;
        NodeA = new Uri($"http://127.0.0.1:{portA}");
        NodeB = new Uri($"http://127.0.0.1:{portB}");
        Proxy = new Uri($"http://127.0.0.1:{proxyPort}");
    }

    /// <param name="storage">Storage:* settings of the shared PostgreSQL database (<c>TestDatabase.Settings</c>).</param>
    public static async Task<SpacegateCluster> StartAsync(IReadOnlyDictionary<string, string?> storage)
    {
        var cluster = new SpacegateCluster(storage, ChildProcess.FreePort(), ChildProcess.FreePort(), ChildProcess.FreePort());
        try
        {
            cluster._processes.Add(cluster.StartNode("node-a", cluster.NodeA));
            cluster._processes.Add(cluster.StartNode("node-b", cluster.NodeB));
            await Task.WhenAll(cluster.WaitReadyAsync(cluster.NodeA, cluster.ProcessA), cluster.WaitReadyAsync(cluster.NodeB, cluster.ProcessB));
            cluster.Nginx = await NginxProcess.StartAsync(cluster.Proxy.Port, cluster.NodeA.Port, cluster.NodeB.Port);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public HttpClient Client(Uri node, bool cookies = false) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        UseCookies = cookies,
        CookieContainer = new CookieContainer(),
    })
    { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runs a `spacegate` CLI verb against the shared database, as an operator would.</summary>
    public async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, builder =>
        {
            foreach (var (key, value) in _storage)
            {
                builder.Configuration[key] = value;
            }
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The output of every process, for a failure message.</summary>
    public string Diagnostics => string.Join('\n', _processes.Select(p => p.Output)) + "\n" + Nginx?.ErrorLog;

    public ValueTask DisposeAsync()
    {
        Nginx?.Dispose();
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private ChildProcess StartNode(string name, Uri address)
    {
        var dll = ServerDll();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["Spacegate__PublicBaseUrl"] = Proxy.ToString().TrimEnd('/'),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in _storage)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }
        return ChildProcess.Start(name, "dotnet", [dll, "--urls", address.ToString().TrimEnd('/')], Path.GetDirectoryName(dll)!, environment);
    }

    private async Task WaitReadyAsync(Uri node, ChildProcess process)
    {
        using var http = Client(node);
        http.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"{process.Name} did not become ready.\n{process.Output}");
    }

    /// <summary>
    /// The server's own build output (src/Spacegate.Server/bin/&lt;configuration&gt;/&lt;tfm&gt;/spacegate.dll), found from
    /// the test assembly's folder (tests/Spacegate.Tests/bin/&lt;configuration&gt;/&lt;tfm&gt;/): it has its runtimeconfig,
    /// appsettings.json and wwwroot next to it.
    /// </summary>
    public static string ServerDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), "src", "Spacegate.Server", "bin", configuration, tfm, "spacegate.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first (dotnet build).", dll);
    }

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Spacegate.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException("Spacegate.slnx not found above " + AppContext.BaseDirectory);
    }
}
