using System.Text.Json;
using Spacegate.Server.Cli;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Cli;

/// <summary>What System.CommandLine gives every verb: generated help, typed values, usage errors, --json, settings, cancellation.</summary>
public sealed class CliParserTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRunner.RunAsync(_server, args);

    [Fact]
    public async Task Help_EveryVerb_ExitsZeroAndListsItsOptions()
    {
        // The verb names the README documents, unchanged.
        Assert.Equal(
            ["migrate", "seed", "users create", "users list", "accounts create", "accounts list", "accounts set-flags", "members add", "members remove",
             "apps create", "apps list", "apps approve", "apps reject", "apps request-production", "apps reset-secret", "apps delete",
             "models list", "models create", "models bulk-create", "grants list", "grants revoke", "tokens prune", "audit list",
             "keys list", "keys rotate", "keys prune", "clock show", "clock advance", "clock reset"],
            CliApp.Verbs.Select(v => v.Name));
        var root = await RunAsync("--help");
        Assert.Equal(CliExitCodes.Ok, root.Code);
        Assert.Contains("Exit codes: 0 done, 1 the verb failed", root.Output);
        foreach (var verb in CliApp.Verbs)
        {
            Assert.Contains("  " + verb.Name.Split(' ')[0] + " ", root.Output);
            var (code, output, error) = await RunAsync([.. verb.Name.Split(' '), "--help"]);
            Assert.True(code == CliExitCodes.Ok, $"{verb.Name}: {error}");
            output = output.Replace("\r", "");
            Assert.Contains($"Usage:\n  spacegate {verb.Name}", output);
            Assert.Contains(verb.Options, o => o == "--json");
            Assert.All(verb.Options.Append("--help"), option => Assert.Contains(option, output));
            Assert.All(verb.Arguments, argument => Assert.Contains($"<{argument}>", output));
        }
    }

    [Fact]
    public async Task Help_GroupAndHelpWord_ListTheGroupsVerbs()
    {
        foreach (var args in new[] { new[] { "apps", "--help" }, ["help", "apps"], ["apps", "-h"] })
        {
            var (code, output, _) = await RunAsync(args);
            Assert.Equal(CliExitCodes.Ok, code);
            Assert.All(CliApp.Verbs.Where(v => v.Name.StartsWith("apps ", StringComparison.Ordinal)),
                verb => Assert.Contains("  " + verb.Name["apps ".Length..] + " ", output));
        }
        var create = (await RunAsync("apps", "create", "--help")).Output;
        Assert.Contains("--account <ACCOUNT_ID> (REQUIRED)", create);
        Assert.Contains("--redirect-uri <URI>", create);
        Assert.Contains("[default: 60]", create);
    }

    [Theory]
    [InlineData("modles", "models")]
    [InlineData("grant", "grants")]
    public async Task UnknownVerb_UsageErrorWithASuggestion(string verb, string suggestion)
    {
        var (code, output, error) = await RunAsync(verb, "list");
        Assert.Equal(CliExitCodes.UsageError, code);
        Assert.Contains($"Unrecognized command or argument '{verb}'", error);
        Assert.Contains("Did you mean one of the following?", output + error);
        Assert.Contains(suggestion, output);
        Assert.Contains("Usage:", output);
    }

    [Fact]
    public async Task UnknownSubVerbOrOption_UsageError()
    {
        var sub = await RunAsync("apps", "frobnicate");
        Assert.Equal(CliExitCodes.UsageError, sub.Code);
        Assert.Contains("'frobnicate'", sub.Error);
        var option = await RunAsync("apps", "list", "--acount", "acme");
        Assert.Equal(CliExitCodes.UsageError, option.Code);
        Assert.Contains("'--acount'", option.Error);
        Assert.Contains("--account", option.Output); // did you mean
        var missing = await RunAsync("grants", "revoke");
        Assert.Equal(CliExitCodes.UsageError, missing.Code);
        Assert.Contains("GRANT_ID", missing.Error);
    }

    [Theory]
    [InlineData("--pme takes true or false, not 'maybe'.", "accounts", "set-flags", "globex", "--pme", "maybe")]
    [InlineData("'soon' for option '--duration'", "apps", "create", "--account", "acme", "--name", "Typed", "--redirect-uri", "https://t.example/cb",
        "--scope", "ViewPublic", "--duration", "soon")]
    [InlineData("--older-than:", "tokens", "prune", "--older-than", "forever")]
    [InlineData("Argument 'owner' not recognized. Must be one of:", "members", "add", "--account", "acme", "--email", "alice@demo.spacegate.test",
        "--role", "owner")]
    [InlineData("--limit takes a whole number of at least 1, not '-3'.", "models", "list", "--limit", "-3")]
    public async Task TypedOption_BadValue_ValidationMessageAndExitTwoWithoutRunning(string message, params string[] args)
    {
        var before = (await RunAsync("accounts", "list", "--json")).Output;
        var (code, output, error) = await RunAsync(args);
        Assert.Equal(CliExitCodes.UsageError, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("(database:", error); // refused by the parser: the app was never built
        Assert.Contains("Usage:", output);
        Assert.Equal(before, (await RunAsync("accounts", "list", "--json")).Output);
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("YES", true)]
    [InlineData("off", false)]
    [InlineData("no", false)]
    public async Task OnOffOption_Words_SetTheFlag(string word, bool expected)
    {
        var (code, output, error) = await RunAsync("accounts", "set-flags", "acme", "--enterprise", word, "--json");
        Assert.True(code == CliExitCodes.Ok, error);
        Assert.Equal(expected, JsonDocument.Parse(output).RootElement.GetProperty("enterprise").GetBoolean());
    }

    [Theory]
    [InlineData("users", "list")]
    [InlineData("accounts", "list")]
    [InlineData("apps", "list")]
    [InlineData("grants", "list")]
    [InlineData("models", "list", "--limit", "3")]
    [InlineData("audit", "list")]
    [InlineData("keys", "list")]
    [InlineData("clock", "show")]
    public async Task Json_ListAndShowVerbs_PrintOneJsonDocumentAndNothingElse(params string[] args)
    {
        await OAuthClient.FullCodeFlowAsync(_server); // a live grant and audit events to list
        var (code, output, error) = await RunAsync([.. args, "--json"]);
        Assert.True(code == CliExitCodes.Ok, error);
        using var document = JsonDocument.Parse(output);
        Assert.True(document.RootElement.ValueKind is JsonValueKind.Array or JsonValueKind.Object);
        Assert.DoesNotContain("(database:", error);
        if (document.RootElement.ValueKind == JsonValueKind.Array && args[0] is "users" or "accounts" or "apps" or "grants" or "models" or "audit")
        {
            Assert.NotEqual(0, document.RootElement.GetArrayLength());
        }
    }

    [Fact]
    public async Task Json_GrantsList_KeepsItsFieldsAndListsScopesAsAnArray()
    {
        await OAuthClient.FullCodeFlowAsync(_server);
        var grant = JsonDocument.Parse((await RunAsync("grants", "list", "--account", "acme", "--json")).Output).RootElement[0];
        foreach (var field in new[] { "id", "app", "clientId", "accountId", "userId", "creationDate" })
        {
            Assert.True(grant.TryGetProperty(field, out _), field);
        }
        Assert.Equal(["ViewDetails", "EditDetails"], grant.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Settings_OnTheCommandLine_ReachTheVerb()
    {
        // Both forms the server takes: --Section:Key=value and --Section:Key value, before or after the verb's own options.
        string[] joined = [.. _server.Database.Settings.Select(s => $"--{s.Key}={s.Value}")];
        string[] separate = [.. _server.Database.Settings.SelectMany(s => new[] { $"--{s.Key}", s.Value! })];
        foreach (var args in new string[][] { ["accounts", "list", .. joined], [.. separate, "accounts", "list", "--json"] })
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await CliApp.RunAsync(args, output, error, builder => builder.Configuration["Logging:LogLevel:Default"] = "Warning");
            Assert.True(code == CliExitCodes.Ok, error.ToString());
            Assert.Contains("Globex Estates", output.ToString());
        }
    }

    [Theory]
    [InlineData(true, "migrate")]
    [InlineData(true, "modles", "list")]
    [InlineData(true, "--help")]
    [InlineData(true, "-h")]
    [InlineData(true, "help")]
    [InlineData(false)]
    [InlineData(false, "--urls", "http://127.0.0.1:5080")]
    [InlineData(true, "--Storage:SqlitePath=spacegate.db", "migrate")]
    [InlineData(true, "--Storage:SqlitePath", "spacegate.db", "migrate")]
    [InlineData(false, "--Storage:SqlitePath", "spacegate.db", "--urls", "http://127.0.0.1:5080")]
    [InlineData(false, "Storage:SqlitePath=spacegate.db")]
    public void IsCommand_FirstArgument_VerbOrHelpRunsTheCliAnythingElseStartsTheServer(bool expected, params string[] args) =>
        Assert.Equal(expected, CliApp.IsCommand(args));

    [Fact]
    public async Task Cancellation_TokenFlowsIntoTheServices_ExitsCancelledAndChangesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["accounts", "create", "--id", "never-made", "--name", "Never"], output, error, builder =>
        {
            _server.Database.Apply(builder.Configuration);
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            cancellation.Cancel(); // as Ctrl+C would, once the verb is running
        }, cancellation.Token);
        Assert.Equal(CliExitCodes.Cancelled, code);
        Assert.Contains("Cancelled.", error.ToString());
        Assert.DoesNotContain("never-made", (await RunAsync("accounts", "list", "--json")).Output);
    }
}
