using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Spacegate.Tests.Browser.Viewer;

/// <summary>
/// A customer's web site for SDK tests, on its own origin (127.0.0.1, another port than Spacegate): a
/// page that embeds the viewer, and a backend endpoint POST /token that mints PME tokens server-side.
/// </summary>
public sealed class HostPageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostPageServer(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public Uri BaseAddress { get; }

    /// <param name="pages">path → HTML</param>
    /// <param name="mint">answers POST /token</param>
    public static async Task<HostPageServer> StartAsync(Dictionary<string, string> pages, Func<Task<IResult>> mint)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        foreach (var (path, html) in pages)
        {
            app.MapGet(path, () => Results.Content(html, "text/html; charset=utf-8"));
        }
        app.MapPost("/token", mint);
        await app.StartAsync();
        return new HostPageServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
