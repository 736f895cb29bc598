using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Audit;
using Spacegate.Server.Cli;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Spacegate.Tests.Pages;
using Xunit;

namespace Spacegate.Tests.Audit;

/// <summary>Reading the trail: the `audit list` CLI's filters and the /admin/audit page (admins only, filtered, paged).</summary>
public sealed partial class AuditTrailTests
{
    /// <summary>Events of one made-up account, one hour apart, the newest an hour before now; returns them newest first.</summary>
    private async Task<List<AuditEvent>> SeedEventsAsync(string accountId, int count, string? clientId = null)
    {
        var now = Server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var events = Enumerable.Range(1, count).Select(i => now.AddHours(-i)).Select((at, i) => new AuditEvent
        {
            Id = Guid.CreateVersion7(at).ToString("N"), At = at, Action = AuditActions.AccountFlagsChanged, Actor = "seeded",
            AccountId = accountId, ClientId = i % 2 == 0 ? clientId : null, TargetId = $"{accountId}-{i}",
        }).ToList();
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        db.AuditEvents.AddRange(events);
        await db.SaveChangesAsync();
        return events;
    }

    private async Task<List<JsonElement>> ListAsync(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(Server, ["audit", "list", .. args, "--json"]);
        Assert.True(code == 0, error);
        return [.. JsonDocument.Parse(output).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task AuditListCli_Filters_ByAccountAppTimeAndLimit()
    {
        var events = await SeedEventsAsync("listco", 6, clientId: "listapp");

        var all = await ListAsync("--account", "listco");
        Assert.Equal(events.Select(e => e.TargetId), all.Select(e => e.GetProperty("targetId").GetString())); // newest first
        Assert.Equal(["listco-0", "listco-2", "listco-4"], (await ListAsync("--app", "listapp")).Select(e => e.GetProperty("targetId").GetString()));
        Assert.Equal(["listco-0", "listco-1"], (await ListAsync("--account", "listco", "--limit", "2")).Select(e => e.GetProperty("targetId").GetString()));
        // --since 3h30m ago keeps the events 1, 2 and 3 hours old; --until 1h30m ago drops the newest.
        Assert.Equal(["listco-1", "listco-2"],
            (await ListAsync("--account", "listco", "--since", "PT3H30M", "--until", "PT1H30M")).Select(e => e.GetProperty("targetId").GetString()));
        var since = events[2].At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
        Assert.Equal(3, (await ListAsync("--account", "listco", "--since", since)).Count);
        Assert.Empty(await ListAsync("--account", "nobody-here"));

        // A value that is not a time or a limit out of range is a usage error, refused before anything runs.
        var (code, _, error) = await CliRunner.RunAsync(Server, "audit", "list", "--since", "last tuesday");
        Assert.Equal(CliExitCodes.UsageError, code);
        Assert.Contains("--since", error);
        (code, _, error) = await CliRunner.RunAsync(Server, "audit", "list", "--limit", "0");
        Assert.Equal(CliExitCodes.UsageError, code);
        Assert.Contains("--limit", error);
    }

    [Fact]
    public async Task AuditListCli_Text_OneLinePerEventWithActor()
    {
        await SeedEventsAsync("textco", 2);
        var (code, output, error) = await CliRunner.RunAsync(Server, "audit", "list", "--account", "textco");
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Contains("account.flags_changed", l));
        Assert.All(lines, l => Assert.Contains("actor=seeded", l));
    }

    [Theory]
    [InlineData(Alice)]
    [InlineData(Bob)]
    public async Task AdminAuditPage_NonAdmin_Forbidden(string email)
    {
        await SeedEventsAsync("secretco", 1);
        using var user = await PageSession.SignInAsync(Server, email);
        var page = await user.GetAsync("/admin/audit?account=secretco");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.DoesNotContain("secretco-0", page.Html);
        using var anonymous = Server.CreateClient();
        var response = await anonymous.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AdminAuditPage_Admin_SeesFilteredRecordsInPages()
    {
        var events = await SeedEventsAsync("pageco", 55, clientId: "pageapp");
        await SeedEventsAsync("otherco", 1);
        using var admin = await PageSession.SignInAsync(Server, Admin);
        Assert.Contains("href=\"/admin/audit\"", (await admin.GetAsync("/admin")).Html);

        var first = await admin.GetAsync("/admin/audit?account=pageco");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("pageco", PageSession.ValueOf(first.Html, "account"));
        Assert.Contains("<label for=\"account\">", first.Html);
        Assert.Equal(50, CountRows(first.Html));
        Assert.Contains("pageco-0<", first.Html);
        Assert.DoesNotContain("otherco-0", first.Html);
        Assert.DoesNotContain("pageco-50<", first.Html);
        var older = System.Text.RegularExpressions.Regex.Match(first.Html, "<a id=\"older\"[^>]*href=\"(?<href>[^\"]+)\"");
        Assert.True(older.Success, "no link to older events");
        var second = await admin.GetAsync(WebUtility.HtmlDecode(older.Groups["href"].Value));
        Assert.Equal(5, CountRows(second.Html));
        Assert.Contains("pageco-54<", second.Html);
        Assert.DoesNotContain("id=\"older\"", second.Html);
        Assert.Contains("id=\"newest\"", second.Html);

        var byApp = await admin.GetAsync("/admin/audit?app=pageapp&since=PT10H30M");
        Assert.Equal(5, CountRows(byApp.Html)); // 0, 2, 4, 6, 8 are the app's and within ten and a half hours
        var byTime = await admin.GetAsync($"/admin/audit?account=pageco&until={Uri.EscapeDataString(events[53].At.UtcDateTime.ToString("O"))}");
        Assert.Equal(1, CountRows(byTime.Html));

        var invalid = await admin.GetAsync("/admin/audit?since=yesterday-ish");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("aria-invalid=\"true\"", invalid.Html);
        Assert.NotNull(PageSession.TextOf(invalid.Html, "since-error"));
    }

    private static int CountRows(string html) => System.Text.RegularExpressions.Regex.Matches(html, "<tr data-action=").Count;
}
