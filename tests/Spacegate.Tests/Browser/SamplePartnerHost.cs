using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Spacegate.Tests.Infrastructure;

namespace Spacegate.Tests.Browser;

/// <summary>
/// The sample partner app (samples/Spacegate.SamplePartner) in this process, on its own 127.0.0.1 port, pointed at a
/// test server through an app registered for it with the CLI (its redirect URI names the sample's port).
/// </summary>
public sealed class SamplePartnerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SamplePartnerHost(WebApplication app, Uri baseAddress, string clientId)
    {
        _app = app;
        BaseAddress = baseAddress;
        ClientId = clientId;
    }

    public Uri BaseAddress { get; }
    public string ClientId { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<SamplePartnerHost> StartAsync(TestServer server, TimeSpan embedTokenLifetime, int pageSize = 2)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var redirect = new Uri(baseAddress, "/callback").ToString();
        var (code, output, error) = await CliRunner.RunAsync(server, "apps", "create", "--account", "globex", "--name", "Partner sample",
            "--redirect-uri", redirect, "--scope", "ViewDetails EditDetails PurchaseAssets", "--json");
        if (code != 0)
        {
            throw new InvalidOperationException("apps create failed: " + error);
        }
        var created = JsonDocument.Parse(output).RootElement;
        var clientId = created.GetProperty("clientId").GetString()!;
        var app = Spacegate.SamplePartner.Program.BuildApp(["--urls", baseAddress.ToString().TrimEnd('/')], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Spacegate:BaseAddress"] = server.BaseAddress.ToString(),
                ["Spacegate:ClientId"] = clientId,
                ["Spacegate:ClientSecret"] = created.GetProperty("clientSecret").GetString(),
                ["Spacegate:RedirectUri"] = redirect,
                ["Sample:EmbedTokenLifetime"] = embedTokenLifetime.ToString("c"),
                ["Sample:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }, SampleFolder());
        await app.StartAsync();
        return new SamplePartnerHost(app, baseAddress, clientId);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The sample's source folder: its appsettings.json and wwwroot are served from there, as under `dotnet run`.</summary>
    private static string SampleFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Spacegate.slnx")))
            {
                return Path.Combine(folder.FullName, "samples", "Spacegate.SamplePartner");
            }
        }
        throw new InvalidOperationException("Spacegate.slnx not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
