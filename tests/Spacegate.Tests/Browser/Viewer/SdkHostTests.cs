using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Spacegate.Tests.Browser.Viewer;

/// <summary>
/// A host page on another origin embeds the viewer in an iframe and drives it with the Showcase SDK
/// imported cross-origin from /sdk/showcase-sdk.js; its backend mints short PME tokens.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class SdkHostTests(ViewerFixture fixture) : IClassFixture<ViewerFixture>, IAsyncLifetime
{
    private readonly Stopwatch _sinceMint = new();
    private HostPageServer _host = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private int _mints;
    private int _refreshFailuresToServe;
    private string _validFor = "10s";

    private Uri Spacegate => fixture.Server.BaseAddress;

    public async Task InitializeAsync()
    {
        _host = await HostPageServer.StartAsync(new()
        {
            ["/"] = HostPage(linkInSrc: true),
            ["/bare"] = HostPage(linkInSrc: false),
            ["/plain"] = "<!doctype html><title>Not a viewer</title><p>Just a page.</p>",
        }, MintAsync);
        Assert.NotEqual(Spacegate.GetLeftPart(UriPartial.Authority), _host.BaseAddress.GetLeftPart(UriPartial.Authority));
        _context = await fixture.NewContextAsync();
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        await _host.DisposeAsync();
    }

    /// <summary>
    /// The host's backend: a fresh PME token for the test model. The server's clock only moves when a
    /// test moves it, so each refresh first moves it by the real time since the previous token, as
    /// time would have passed for the browser's timers.
    /// </summary>
    private async Task<IResult> MintAsync()
    {
        if (_mints > 0 && _refreshFailuresToServe > 0)
        {
            _refreshFailuresToServe--;
            return Results.Json(new { error = "backend_unavailable" }, statusCode: 503);
        }
        if (_mints++ > 0)
        {
            fixture.Server.Advance(_sinceMint.Elapsed);
        }
        _sinceMint.Restart();
        var link = await fixture.MintAsync(_validFor);
        var expiresIn = Math.Max(1, (int)(link.ValidUntil - fixture.Server.Clock.GetUtcNow()).TotalSeconds);
        return Results.Json(new { access_token = link.AccessToken, expires_in = expiresIn, link = link.Link });
    }

    private string HostPage(bool linkInSrc) => $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Globex intranet</title>
        <style>body { font: 15px system-ui, sans-serif; margin: 16px; } iframe { width: 880px; height: 520px; border: 2px solid #567; }</style>
        </head>
        <body>
        <h1>Globex intranet: Tower floor 12</h1>
        <iframe id="viewer" title="3D tour of the model"></iframe>
        <script type="module">
          import { connect } from '{{Spacegate}}sdk/showcase-sdk.js';
          window.events = [];
          window.tokens = [];
          const log = (type, detail) => window.events.push({ type, detail });
          const getToken = async () => {
            const response = await fetch('/token', { method: 'POST' });
            if (!response.ok) throw new Error('token endpoint answered ' + response.status);
            const token = await response.json();
            window.tokens.push(token.access_token);
            return { access_token: token.access_token, expires_in: token.expires_in, link: token.link };
          };
          try {
            const first = await getToken();
            const iframe = document.getElementById('viewer');
            iframe.src = {{(linkInSrc ? "first.link" : $"'{Spacegate}show?m={ViewerFixture.ModelId}'")}};
            const sdk = await connect(iframe, { auth: first.access_token });
            sdk.on('state', (state) => log('state', state.state));
            window.sdk = sdk;
            log('connected', sdk.state.state);
            window.refresher = sdk.OAuth.createTokenRefresher(first, { fetch: getToken })
              .on('refresh', (token) => log('refresh', String(token.expires_in)))
              .on('error', (error) => log('error', error.message));
          } catch (error) {
            log('failed', error.message);
          }
        </script>
        </body>
        </html>
        """;

    private async Task<IFrame> ViewerFrameAsync()
    {
        var handle = await _page.WaitForSelectorAsync("#viewer");
        return (await handle!.ContentFrameAsync())!;
    }

    private async Task WaitForEventAsync(string type, string? detail = null, int timeoutMs = 30_000, int minimumCount = 1)
    {
        try
        {
            await _page.WaitForFunctionAsync(
                "([type, detail, count]) => window.events.filter(e => e.type === type && (detail === null || e.detail === detail)).length >= count",
                new object?[] { type, detail, minimumCount }, new() { Timeout = timeoutMs, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No {type}:{detail} event within {timeoutMs} ms; events: {string.Join(", ", await EventsAsync())}");
        }
    }

    private async Task<List<string>> EventsAsync() =>
        [.. await _page.EvaluateAsync<string[]>("() => window.events.map(e => `${e.type}:${e.detail}`)")];

    [Fact]
    public async Task TokenRefresher_KeepsTheViewerLoadingPastTheFirstTokensExpiry()
    {
        _validFor = "10s";
        await _page.GotoAsync(_host.BaseAddress.ToString());
        var viewer = await ViewerFrameAsync();
        await ViewerPage.ExpectReadyAsync(viewer, ViewerFixture.ModelName);
        await WaitForEventAsync("connected");
        Assert.DoesNotContain("auth=", viewer.Url);

        // 80% of 10 s: the refresher asks the host's backend for a new token after about 8 real seconds.
        await WaitForEventAsync("refresh", timeoutMs: 20_000);
        var tokens = await _page.EvaluateAsync<string[]>("() => window.tokens");
        Assert.True(tokens.Length >= 2, "tokens: " + tokens.Length);

        // Past the first token's expiry, the viewer loads with the refreshed one.
        fixture.Server.Advance(TimeSpan.FromSeconds(3));
        Assert.False(await fixture.IsAcceptedAsync(tokens[0]), "The first token should have expired by now");
        Assert.True(await fixture.IsAcceptedAsync(tokens[^1]), "The refreshed token should still be valid");
        var readyBefore = (await EventsAsync()).Count(e => e == "state:ready");
        await viewer.Locator("#reload").ClickAsync();
        await WaitForEventAsync("state", "ready", minimumCount: readyBefore + 1); // a new load, reported to the host
        await ViewerPage.ExpectReadyAsync(viewer, ViewerFixture.ModelName);
        await ViewerPage.ExpectSceneRenderedAsync(viewer);
        await ViewerPage.ScreenshotAsync(_page, "sdk-host-after-refresh.png");

        // Without the refresher the session ends, and the host page hears about it.
        await _page.EvaluateAsync("() => window.refresher.dispose()");
        fixture.Server.Advance(TimeSpan.FromSeconds(30));
        await viewer.Locator("#reload").ClickAsync();
        await ViewerPage.ExpectExpiredAsync(viewer);
        await WaitForEventAsync("state", "expired");
        await ViewerPage.ScreenshotAsync(_page, "sdk-host-expired.png");
        var events = await EventsAsync();
        Assert.DoesNotContain(events, e => e.StartsWith("error:", StringComparison.Ordinal) || e.StartsWith("failed:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenRefresher_FetcherFails_EmitsErrorAndRetries()
    {
        _validFor = "3s";
        _refreshFailuresToServe = 1;
        await _page.GotoAsync(new Uri(_host.BaseAddress, "/bare").ToString());
        var viewer = await ViewerFrameAsync();
        // The iframe's src has no token: the viewer waits for the one the SDK hands over.
        await ViewerPage.ExpectReadyAsync(viewer, ViewerFixture.ModelName);

        // The first refresh (after 2.4 s) meets a failing backend; the retry about a second later succeeds.
        await WaitForEventAsync("error", "token endpoint answered 503", timeoutMs: 15_000);
        await WaitForEventAsync("refresh", timeoutMs: 15_000);
        var events = await EventsAsync();
        var sequence = events.Where(e => e.StartsWith("error:", StringComparison.Ordinal) || e.StartsWith("refresh:", StringComparison.Ordinal)).ToList();
        Assert.True(sequence.Count >= 2, string.Join(", ", events));
        Assert.Equal("error:token endpoint answered 503", sequence[0]);
        Assert.StartsWith("refresh:", sequence[1]);
        Assert.Contains("connected:waiting-for-token", events); // the iframe's src had no token

        // The viewer took the token that came after the failure.
        await _page.EvaluateAsync("() => window.refresher.dispose()");
        var tokens = await _page.EvaluateAsync<string[]>("() => window.tokens");
        fixture.Server.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await fixture.IsAcceptedAsync(tokens[0]), "The first token should have expired by now");
        await viewer.Locator("#reload").ClickAsync();
        await ViewerPage.ExpectReadyAsync(viewer, ViewerFixture.ModelName);
    }

    [Fact]
    public async Task Viewer_TokenMessagesFromOtherWindows_AreIgnored()
    {
        _validFor = "10m";
        await _page.GotoAsync(_host.BaseAddress.ToString());
        var viewer = await ViewerFrameAsync();
        await ViewerPage.ExpectReadyAsync(viewer, ViewerFixture.ModelName);
        await WaitForEventAsync("connected");
        await _page.EvaluateAsync("() => window.refresher.dispose()");

        // A forged token posted by the viewer's own window, and by a sibling frame of the host page.
        await viewer.EvaluateAsync("""
            () => {
              for (const type of ['connect', 'token']) {
                window.postMessage({ protocol: 'spacegate.showcase', version: 1, type, id: 1, auth: 'forged-token' }, '*');
              }
            }
            """);
        await _page.EvaluateAsync("""
            async () => {
              const sibling = document.createElement('iframe');
              document.body.append(sibling);
              const viewer = document.getElementById('viewer').contentWindow;
              const post = sibling.contentWindow.Function('target', 'message', 'target.postMessage(message, "*")');
              for (const type of ['connect', 'token']) {
                post(viewer, { protocol: 'spacegate.showcase', version: 1, type, id: 2, auth: 'forged-token' });
              }
              await new Promise((resolve) => setTimeout(resolve, 300));
            }
            """);

        // Had the viewer taken "forged-token", this load would end in "Session expired".
        await viewer.Locator("#reload").ClickAsync();
        await ViewerPage.ExpectReadyAsync(viewer, ViewerFixture.ModelName);
        Assert.Equal("ready", await _page.EvaluateAsync<string>("() => window.sdk.state.state"));
    }

    [Fact]
    public async Task CreateTokenRefresher_BadArgumentsOrDisconnected_Throws()
    {
        _validFor = "10m";
        await _page.GotoAsync(_host.BaseAddress.ToString());
        await WaitForEventAsync("connected");
        var outcomes = await _page.EvaluateAsync<string[]>("""
            () => {
              const outcomes = [];
              const attempt = (make) => {
                try { make(); outcomes.push('created'); } catch (error) { outcomes.push(`${error.name}: ${error.message}`); }
              };
              const fetcher = { fetch: async () => ({ access_token: 'abc', expires_in: 60 }) };
              attempt(() => window.sdk.OAuth.createTokenRefresher({ access_token: 'abc' }, fetcher));
              attempt(() => window.sdk.OAuth.createTokenRefresher({ access_token: 'two words', expires_in: 60 }, fetcher));
              attempt(() => window.sdk.OAuth.createTokenRefresher({ access_token: 'abc', expires_in: 60 }, {}));
              attempt(() => window.sdk.on('refresh', () => {}));
              window.sdk.disconnect();
              attempt(() => window.sdk.OAuth.createTokenRefresher({ access_token: 'abc', expires_in: 60 }, fetcher));
              return outcomes;
            }
            """);
        Assert.Equal(5, outcomes.Length);
        Assert.StartsWith("TypeError: tokenInfo must be {access_token: string, expires_in: number of seconds > 0}", outcomes[0]);
        Assert.StartsWith("TypeError: tokenInfo must be", outcomes[1]);
        Assert.StartsWith("TypeError: fetcher must be an object with a fetch(oldToken) method", outcomes[2]);
        Assert.StartsWith("TypeError: Unknown event \"refresh\"", outcomes[3]);
        Assert.Equal("Error: The SDK is disconnected from the viewer.", outcomes[4]);

        // Disconnected: the viewer's state changes no longer reach the host page.
        var stateEvents = (await EventsAsync()).Count(e => e.StartsWith("state:", StringComparison.Ordinal));
        var viewer = await ViewerFrameAsync();
        await ViewerPage.ExpectReadyAsync(viewer, ViewerFixture.ModelName);
        await viewer.Locator("#reload").ClickAsync();
        await ViewerPage.ExpectReadyAsync(viewer, ViewerFixture.ModelName);
        await _page.WaitForTimeoutAsync(300);
        Assert.Equal(stateEvents, (await EventsAsync()).Count(e => e.StartsWith("state:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Connect_FrameWithoutTheViewer_RejectsAfterTheTimeout()
    {
        await _page.GotoAsync(new Uri(_host.BaseAddress, "/plain").ToString());
        var result = await _page.EvaluateAsync<string[]>($$"""
            async () => {
              const { connect } = await import('{{Spacegate}}sdk/showcase-sdk.js');
              const outcomes = [];
              const attempt = async (make) => {
                try { await make(); outcomes.push('resolved'); } catch (error) { outcomes.push(`${error.name}: ${error.message}`); }
              };
              const frame = document.createElement('iframe');
              frame.src = '/plain';
              document.body.append(frame);
              await attempt(() => connect(frame, { timeout: 1500 }));
              await attempt(() => connect(document.body));
              await attempt(() => connect(frame, { auth: 'Bearer abc' }));
              await attempt(() => connect(document.createElement('iframe')));
              return outcomes;
            }
            """);
        Assert.Equal(4, result.Length);
        Assert.StartsWith("Error: The viewer in the iframe did not answer within 1500 ms", result[0]);
        Assert.StartsWith("TypeError: connect() needs the iframe element", result[1]);
        Assert.StartsWith("TypeError: options.auth must be an access token", result[2]);
        Assert.StartsWith("Error: The iframe has no http(s) src", result[3]);
    }
}
