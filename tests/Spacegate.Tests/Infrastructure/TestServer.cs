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
/// The real server on Kestrel (127.0.0.1, random port) with its own database (a SQLite file, or a PostgreSQL database:
/// see <see cref="TestDatabase"/>), demo data and a controllable clock under the sandbox clock. Each test class gets a
/// fresh database.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDatabase;

    public FakeTimeProvider Clock { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The server's database; pass it to another server or the CLI to share it.</summary>
    public TestDatabase Database { get; }

    private TestServer(WebApplication app, FakeTimeProvider clock, TestDatabase database, bool ownsDatabase)
    {
        _app = app;
        Clock = clock;
        Database = database;
        _ownsDatabase = ownsDatabase;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <param name="configure">Runs before the server's own registrations, so a service registered here wins.</param>
    /// <param name="database">A database to share (another server's); by default the server gets a fresh one, dropped on dispose.</param>
    public static async Task<TestServer> StartAsync(Dictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null,
        TestDatabase? database = null)
    {
        var ownsDatabase = database is null;
        database ??= await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = Program.BuildApp(["--urls", "http://127.0.0.1:0"], builder =>
        {
            database.Apply(builder.Configuration);
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            foreach (var (key, value) in settings ?? [])
            {
                builder.Configuration[key] = value;
            }
            builder.Services.AddSingleton(new BaseClock(clock));
            configure?.Invoke(builder);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            if (ownsDatabase)
            {
                await database.DisposeAsync();
            }
            throw;
        }
        return new TestServer(app, clock, database, ownsDatabase);
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
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
