using Microsoft.Playwright;
using Spacegate.Server.Seeding;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Spacegate.Tests.Browser.BrowserHarness;

namespace Spacegate.Tests.Browser;

/// <summary>
/// The Model API explorer (GraphiQL) in a real Chromium, reached from Developer Tools: it loads under its strict
/// Content-Security-Policy without a single console error, the sandbox's demo-token button fills the token, the
/// schema's docs come from introspection, and the README's examples run.
/// </summary>
public sealed class ExplorerBrowserTests : IAsyncLifetime
{
    private readonly List<string> _consoleErrors = [];
    private BrowserHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BrowserHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<IPage> ExplorerFromDeveloperToolsAsync()
    {
        var page = await _harness.SignedInPageAsync("alice@demo.spacegate.test", 1280, 900);
        // CSP violations are reported as console errors.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                _consoleErrors.Add($"{message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add(error);
        await page.GotoAsync("/developer");
        await ClickAndWaitForNavigationAsync(page, page.Locator("#model-api-explorer"));
        await Expect(page).ToHaveURLAsync(new Uri(_harness.Server.BaseAddress, "/api/models/graph/explorer").ToString());
        await Expect(page.Locator(".graphiql-container")).ToBeVisibleAsync();
        return page;
    }

    private void AssertNoConsoleErrors() => Assert.True(_consoleErrors.Count == 0, string.Join("\n", _consoleErrors));

    [Fact]
    public async Task Explorer_DemoToken_DocsAndTheReadmeSearchRun_WithoutConsoleErrors()
    {
        var page = await ExplorerFromDeveloperToolsAsync();
        // The README's examples, one tab each, named after their operations.
        await Expect(page.Locator(".graphiql-tab")).ToHaveCountAsync(5);
        await Expect(page.Locator(".graphiql-tabs")).ToContainTextAsync("SearchModels");
        await Expect(page.Locator(".graphiql-tabs")).ToContainTextAsync("CreateEmbedLink");

        // Without a token nothing is sent; the answer says what to do.
        await page.Locator("button.graphiql-execute-button").ClickAsync();
        await Expect(page.Locator(".graphiql-response")).ToContainTextAsync("Enter a bearer token");

        await page.GetByRole(AriaRole.Button, new() { Name = "Get a demo token" }).ClickAsync();
        await Expect(page.Locator("#token-status")).ToContainTextAsync($"Demo token of {DemoData.GlobexAppClientId}");
        var token = await page.Locator("#token").InputValueAsync();
        Assert.Matches("^[A-Za-z0-9_-]{20,}$", token);
        // The token stays in this browser tab: sessionStorage, never localStorage.
        Assert.Equal(token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('spacegate.explorer.token')"));
        Assert.DoesNotContain(token, await page.EvaluateAsync<string>("() => JSON.stringify(Object.entries(localStorage))"));

        // The docs, from introspection with the token.
        await page.GetByRole(AriaRole.Button, new() { Name = "Show Documentation Explorer" }).ClickAsync();
        var docs = page.Locator(".graphiql-doc-explorer");
        await Expect(docs).ToContainTextAsync("Query");
        await docs.GetByText("Query", new() { Exact = true }).ClickAsync();
        await Expect(docs).ToContainTextAsync("models");
        await Expect(docs).ToContainTextAsync("ModelSearchResultList");

        var response = await page.RunAndWaitForResponseAsync(() => page.Locator("button.graphiql-execute-button").ClickAsync(),
            r => r.Url.EndsWith("/api/models/graph", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal(200, response.Status);
        Assert.Equal($"Bearer {token}", await response.Request.HeaderValueAsync("authorization"));
        var result = page.Locator(".graphiql-response");
        await Expect(result).ToContainTextAsync("\"totalResults\"");
        await Expect(result).ToContainTextAsync("\"accessVisibility\"");
        await Expect(result).Not.ToContainTextAsync("errors");
        await ScreenshotAsync(page, "explorer.png");

        // A dialog adds its scroll-lock <style> element, admitted by the page's nonce.
        await page.GetByRole(AriaRole.Button, new() { Name = "Open settings dialog" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        // CodeMirror's jump-to-line dialog writes style attributes as HTML: admitted by their hashes, nothing else is.
        await page.Locator(".graphiql-query-editor .CodeMirror").ClickAsync();
        await page.Keyboard.PressAsync("Alt+G");
        var jump = page.Locator(".CodeMirror-dialog input.CodeMirror-search-field");
        await Expect(jump).ToBeVisibleAsync();
        Assert.Equal("10em", await jump.EvaluateAsync<string>("e => e.style.width"));
        await page.Keyboard.PressAsync("Escape");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Explorer_ReadmeMutationWithWrongToken_ShowsTheApiError()
    {
        var page = await ExplorerFromDeveloperToolsAsync();
        await page.Locator("#token").FillAsync("not-a-real-token");
        await Expect(page.Locator("#token")).ToHaveValueAsync("not-a-real-token");
        await page.Locator(".graphiql-tab", new() { HasText = "EditDescription" }).ClickAsync();

        var response = await page.RunAndWaitForResponseAsync(() => page.Locator("button.graphiql-execute-button").ClickAsync(),
            r => r.Url.EndsWith("/api/models/graph", StringComparison.Ordinal) && r.Request.Method == "POST"
                && r.Request.PostData!.Contains("EditDescription", StringComparison.Ordinal));
        Assert.Equal(400, response.Status);
        await Expect(page.Locator(".graphiql-response")).ToContainTextAsync("invalid_grant");
        // Forget clears the field and the tab's storage.
        await page.GetByRole(AriaRole.Button, new() { Name = "Forget" }).ClickAsync();
        await Expect(page.Locator("#token")).ToHaveValueAsync("");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('spacegate.explorer.token')"));
    }
}
