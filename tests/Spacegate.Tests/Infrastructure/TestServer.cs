using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spacegate.Server;
using Spacegate.Server.Hosting;

namespace Spacegate.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel (127.0.0.1, random port) with its own SQLite file, demo data and a
/// controllable clock under the sandbox clock. Each test class gets a fresh database.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    public FakeTimeProvider Clock { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;
    public string DatabasePath { get; }

    private TestServer(WebApplication app, FakeTimeProvider clock, string folder, string databasePath)
    {
        _app = app;
        Clock = clock;
        _folder = folder;
        DatabasePath = databasePath;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <param name="configure">Runs before the server's own registrations, so a service registered here wins.</param>
    public static async Task<TestServer> StartAsync(Dictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "spacegate-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var databasePath = Path.Combine(folder, "spacegate.db");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = Program.BuildApp(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration["Storage:SqlitePath"] = databasePath;
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            foreach (var (key, value) in settings ?? [])
            {
                builder.Configuration[key] = value;
            }
            builder.Services.AddSingleton(new BaseClock(clock));
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new TestServer(app, clock, folder, databasePath);
    }

    /// <summary>Moves the server's clock (never sleeps).</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    public HttpClient CreateClient(bool cookies = true) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        UseCookies = cookies,
        CookieContainer = new CookieContainer(),
    })
    { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
