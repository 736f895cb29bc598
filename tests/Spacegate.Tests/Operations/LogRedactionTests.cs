using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Operations;

/// <summary>
/// With every category at Trace (OpenIddict and EF Core included), a full session of sign-ins, codes, tokens,
/// rotation, revocation and embed links never puts a secret, password, code or token into a log entry:
/// not in the message, not in a structured value, not in an exception.
/// </summary>
public sealed class LogRedactionTests
{
    private static readonly Dictionary<string, string?> Verbose = new()
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:OpenIddict"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
    };

    [Fact]
    public async Task Logs_FullSessionAtTrace_NeverContainSecretsCodesOrTokens()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await TestServer.StartAsync(Verbose, b => b.Logging.AddProvider(logs));
        await TestModels.AddAsync(server);
        var secrets = new List<string> { AcmeSecret, GlobexSecret, DemoData.Password };
        var api = server.CreateClient(cookies: false);

        // A failed sign-in, then the code flow.
        var browser = server.CreateClient();
        const string wrongPassword = "Not-the-password-417";
        secrets.Add(wrongPassword);
        var page = await browser.GetStringAsync("/account/login");
        var failed = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "bob@demo.spacegate.test", ["Password"] = wrongPassword, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, failed.StatusCode);
        await SignInAsync(browser, "bob@demo.spacegate.test");
        var (verifier, challenge) = Pkce();
        var code = await GetCodeAsync(browser, AuthorizeUrl(challenge: challenge));
        secrets.AddRange([code, verifier]);
        var tokens = await ExchangeCodeAsync(api, code, verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        secrets.AddRange([tokens.AccessToken!, tokens.RefreshToken!]);

        // Refresh (rotation after 24 h), revoke, and a reuse after the leeway.
        server.Advance(TimeSpan.FromHours(25));
        var rotated = await RefreshAsync(api, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        secrets.AddRange([rotated.AccessToken!, rotated.RefreshToken!]);
        var revoke = await api.PostAsync("/api/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = rotated.RefreshToken!, ["client_id"] = AcmeClientId, ["client_secret"] = AcmeSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        server.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("invalid_grant", (await RefreshAsync(api, tokens.RefreshToken!)).Error);

        // client_credentials, a Private Model Embed link, and opening it.
        var app = await ClientCredentialsAsync(api);
        secrets.Add(app.AccessToken!);
        var minted = await GraphClient.PostAsync(api, app.AccessToken,
            "mutation($m: ID!, $c: String!, $s: String!) { createPrivateModelEmbedLink(modelId: $m, clientId: $c, clientSecret: $s) { accessToken link } }",
            new { m = TestModels.GlobexPrivate, c = GlobexClientId, s = GlobexSecret });
        Assert.False(minted.HasErrors, minted.ToString());
        var embed = minted.Data.GetProperty("createPrivateModelEmbedLink");
        secrets.Add(embed.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(embed.GetProperty("link").GetString())).StatusCode);
        Assert.False((await GraphClient.PostAsync(api, embed.GetProperty("accessToken").GetString(), "{ model(id: \"" + TestModels.GlobexPrivate + "\") { id } }")).HasErrors);

        // A replayed code (it ends the code's token family) is logged as such, not by value.
        Assert.Equal("invalid_grant", (await ExchangeCodeAsync(api, code, verifier)).Error);

        var entries = logs.Entries;
        // The capture works at Debug and below (so the assertion below means something) ...
        Assert.Contains(entries, e => e.Level <= LogLevel.Debug && e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Level <= LogLevel.Debug && e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.Contains("/api/oauth/token", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.Contains("Executed DbCommand", StringComparison.Ordinal)); // SQL is logged, parameter values are not
        // ... OpenIddict, which logs requests with their tokens at Debug and code_verifier at Information, is held at Warning ...
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("OpenIddict", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
        // ... as are ASP.NET Core's request lines, whose query string would carry an embed link's token ...
        Assert.DoesNotContain(entries, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Level < LogLevel.Warning);
        // ... and no entry carries a secret, password, code or token, in any form a sink could write.
        foreach (var secret in secrets.Distinct())
        {
            var leaks = entries.Where(e => Contains(e, secret)).ToList();
            Assert.True(leaks.Count == 0,
                $"{leaks.Count} log entries contain a secret value, e.g. [{leaks.FirstOrDefault()?.Category}] {leaks.FirstOrDefault()?.Message}");
        }
    }

    private static bool Contains(CapturedLog entry, string secret)
    {
        var escaped = Uri.EscapeDataString(secret);
        return new[] { entry.Message, entry.Exception ?? "" }.Concat(entry.Values)
            .Any(text => text.Contains(secret, StringComparison.Ordinal) || text.Contains(escaped, StringComparison.Ordinal) ||
                text.Contains(secret.Replace("-", "+", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogSafety_ProviderAndCategoryRulesAskingForDebug_StillClampedToWarning()
    {
        await using var server = await TestServer.StartAsync(new()
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:OpenIddict.Server"] = "Debug",
            ["Logging:Console:LogLevel:Default"] = "Trace",
            ["Logging:Console:LogLevel:OpenIddict"] = "Trace",
            ["Logging:Console:LogLevel:Microsoft.AspNetCore.Hosting"] = "Trace",
        });
        var factory = server.Services.GetRequiredService<ILoggerFactory>();
        Assert.True(factory.CreateLogger("Spacegate.Server.Anything").IsEnabled(LogLevel.Trace)); // the configuration is in force
        foreach (var category in new[] { "OpenIddict.Server.OpenIddictServerDispatcher", "OpenIddict.Validation.OpenIddictValidationDispatcher",
            "Microsoft.AspNetCore.Hosting.Diagnostics" })
        {
            var logger = factory.CreateLogger(category);
            Assert.False(logger.IsEnabled(LogLevel.Information), category);
            Assert.True(logger.IsEnabled(LogLevel.Warning), category);
        }
    }

    [Fact]
    public async Task JsonConsoleLogs_FormatterNameJson_SelectsTheJsonFormatter()
    {
        await using var server = await TestServer.StartAsync(new() { ["Logging:Console:FormatterName"] = "json" });
        Assert.Equal("json", server.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.Contains(server.Services.GetServices<ConsoleFormatter>(), f => f.Name == ConsoleFormatterNames.Json);
    }
}
