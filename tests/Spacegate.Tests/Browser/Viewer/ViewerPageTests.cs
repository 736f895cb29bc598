using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Spacegate.Tests.Browser.Viewer;

/// <summary>The /show viewer opened directly from a PME link, in headless Chromium with software WebGL.</summary>
[Collection(ViewerCollection.Name)]
public sealed class ViewerPageTests(ViewerFixture fixture) : IClassFixture<ViewerFixture>, IAsyncLifetime
{
    private readonly List<string> _consoleErrors = [];
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await fixture.NewContextAsync();
        _page = await _context.NewPageAsync();
        // Content-Security-Policy violations and script errors end up here.
        _page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        _page.PageError += (_, error) => _consoleErrors.Add(error);
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Fact]
    public async Task PmeLink_Opened_RendersTheSceneAndHidesTheToken()
    {
        var link = await fixture.MintAsync();
        await _page.GotoAsync(link.Link);
        await ViewerPage.ExpectReadyAsync(_page.MainFrame, ViewerFixture.ModelName);

        Assert.DoesNotContain("auth=", _page.Url);
        Assert.DoesNotContain(link.AccessToken, _page.Url);
        Assert.Contains("m=" + ViewerFixture.ModelId, _page.Url);
        await Expect(_page).ToHaveTitleAsync(ViewerFixture.ModelName + " · Spacegate viewer");
        await Expect(_page.Locator("canvas#scene")).ToHaveAttributeAsync("aria-label", "3D view of " + ViewerFixture.ModelName);
        await Expect(_page.Locator("#status")).ToContainTextAsync(ViewerFixture.ModelName + " is ready");
        await ViewerPage.ExpectSceneRenderedAsync(_page.MainFrame);
        await ViewerPage.ScreenshotAsync(_page, "viewer-orbit.png");
        Assert.True(_consoleErrors.Count == 0, string.Join("\n", _consoleErrors));
    }

    [Fact]
    public async Task Keyboard_ArrowsAndZoomAndWalkMode_MoveTheCamera()
    {
        var link = await fixture.MintAsync();
        await _page.GotoAsync(link.Link);
        await ViewerPage.ExpectReadyAsync(_page.MainFrame, ViewerFixture.ModelName);
        var start = await ViewerPage.ThumbnailAsync(_page.MainFrame);

        var canvas = _page.Locator("canvas#scene");
        await canvas.FocusAsync();
        for (var i = 0; i < 6; i++)
        {
            await canvas.PressAsync("ArrowLeft");
        }
        await canvas.PressAsync("+");
        await canvas.PressAsync("+");
        await _page.WaitForTimeoutAsync(300); // let the orbit damping settle
        var rotated = await ViewerPage.ThumbnailAsync(_page.MainFrame);
        Assert.True(ViewerPage.Difference(start, rotated) > 4, $"The view hardly changed: {ViewerPage.Difference(start, rotated):F1}");
        await ViewerPage.ScreenshotAsync(_page, "viewer-rotated.png");

        var walk = _page.GetByRole(AriaRole.Button, new() { Name = "Walk" });
        await walk.ClickAsync();
        await Expect(_page.Locator("#walk")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(canvas).ToBeFocusedAsync();
        await Expect(_page.Locator("#status")).ToContainTextAsync("Walk mode");
        await Expect(_page.Locator("#zoom-in")).ToBeDisabledAsync();
        await _page.Keyboard.DownAsync("KeyS");
        await _page.WaitForTimeoutAsync(400);
        await _page.Keyboard.UpAsync("KeyS");
        var walking = await ViewerPage.ThumbnailAsync(_page.MainFrame);
        Assert.True(ViewerPage.Difference(rotated, walking) > 4, $"The view hardly changed: {ViewerPage.Difference(rotated, walking):F1}");
        await ViewerPage.ScreenshotAsync(_page, "viewer-walk.png");

        await _page.Locator("#walk").ClickAsync();
        await Expect(_page.Locator("#walk")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(_page.Locator("#walk")).ToHaveTextAsync("Walk");
        await Expect(_page.Locator("#zoom-in")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task ImagesButton_ShowsTheModelsImages()
    {
        var link = await fixture.MintAsync();
        await _page.GotoAsync(link.Link);
        await ViewerPage.ExpectReadyAsync(_page.MainFrame, ViewerFixture.ModelName);

        await _page.Locator("#images").ClickAsync();
        await Expect(_page.Locator("#image-panel")).ToBeVisibleAsync();
        await Expect(_page.Locator("#images")).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(_page.Locator("#status")).ToContainTextAsync("images shown");
        var images = _page.Locator("#image-list img");
        Assert.True(await images.CountAsync() >= 2, "Expected the colormap and the preview image");
        // Downloaded with the token's signed URLs, then shown from blob: URLs, and decodable as pictures.
        await _page.WaitForFunctionAsync("() => [...document.querySelectorAll('#image-list img')].every(i => i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0)");
        await ViewerPage.ScreenshotAsync(_page, "viewer-images.png");
        Assert.True(_consoleErrors.Count == 0, string.Join("\n", _consoleErrors)); // blob: images are allowed by the page's CSP

        await _page.Locator("#images").ClickAsync();
        await Expect(_page.Locator("#image-panel")).ToBeHiddenAsync();
        await Expect(_page.Locator("#images")).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task DeletedToken_OpenImages_ShowsSessionExpired()
    {
        var link = await fixture.MintAsync();
        await _page.GotoAsync(link.Link);
        await ViewerPage.ExpectReadyAsync(_page.MainFrame, ViewerFixture.ModelName);

        await fixture.DeleteAsync(link.AccessToken);
        await _page.Locator("#images").ClickAsync();
        await ViewerPage.ExpectExpiredAsync(_page.MainFrame);
        await Expect(_page.Locator("#image-panel")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task DeletedToken_Reload_ShowsSessionExpired()
    {
        var link = await fixture.MintAsync();
        await _page.GotoAsync(link.Link);
        await ViewerPage.ExpectReadyAsync(_page.MainFrame, ViewerFixture.ModelName);

        await fixture.DeleteAsync(link.AccessToken);
        await _page.Locator("#reload").ClickAsync();
        await ViewerPage.ExpectExpiredAsync(_page.MainFrame);
        await Expect(_page.Locator("#images")).ToBeDisabledAsync();
        await ViewerPage.ScreenshotAsync(_page, "viewer-session-expired.png");

        // Reloading the tab does not bring the session back: the viewer still holds only the revoked token.
        await _page.ReloadAsync();
        await ViewerPage.ExpectExpiredAsync(_page.MainFrame);
    }

    [Fact]
    public async Task ExpiredToken_Reload_ShowsSessionExpired()
    {
        var link = await fixture.MintAsync(validFor: "2m");
        await _page.GotoAsync(link.Link);
        await ViewerPage.ExpectReadyAsync(_page.MainFrame, ViewerFixture.ModelName);
        await _page.Locator("#reload").ClickAsync();
        await ViewerPage.ExpectReadyAsync(_page.MainFrame, ViewerFixture.ModelName);

        fixture.Server.Advance(TimeSpan.FromMinutes(3));
        await _page.Locator("#reload").ClickAsync();
        await ViewerPage.ExpectExpiredAsync(_page.MainFrame);
    }

    [Fact]
    public async Task UnknownToken_ShowsSessionExpired()
    {
        await _page.GotoAsync($"{fixture.Server.BaseAddress}show?m={ViewerFixture.ModelId}&auth=Bearer+not-a-real-token");
        await ViewerPage.ExpectExpiredAsync(_page.MainFrame);
    }

    [Fact]
    public async Task TokenOfAnotherModel_ShowsNotFound()
    {
        var link = await fixture.MintAsync(modelId: ViewerFixture.OtherModelId);
        await _page.GotoAsync($"{fixture.Server.BaseAddress}show?m={ViewerFixture.ModelId}&auth=Bearer+{Uri.EscapeDataString(link.AccessToken)}");
        await Expect(_page.Locator("#viewer[data-state=error]")).ToBeAttachedAsync();
        await Expect(_page.Locator("#message-title")).ToHaveTextAsync("The model could not be shown");
        await Expect(_page.Locator("#message-text")).ToContainTextAsync("does not exist, or this link does not give access to it");
        await Expect(_page.Locator("#reload")).ToBeEnabledAsync();
    }

    [Theory]
    [InlineData("show?m=HXDYzEzVMGP", "No access token", "createPrivateModelEmbedLink")]
    [InlineData("show?m=HXDYzEzVMGP&auth=Basic+abc", "The link is not valid", "auth=Bearer+TOKEN")]
    [InlineData("show?m=HXDYzEzVMGP&auth=Bearer+bad%20token", "The link is not valid", "auth=Bearer+TOKEN")]
    public async Task LinkWithoutUsableAuth_ExplainsWhatIsMissing(string path, string title, string hint)
    {
        await _page.GotoAsync(fixture.Server.BaseAddress + path);
        await Expect(_page.Locator("#viewer[data-state=error]")).ToBeAttachedAsync();
        await Expect(_page.Locator("#message-title")).ToHaveTextAsync(title);
        await Expect(_page.Locator("#message-text")).ToContainTextAsync(hint);
        await Expect(_page.Locator("#status")).ToContainTextAsync(title);
        Assert.DoesNotContain("auth=", _page.Url);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("show?m=short&auth=Bearer+abc")]
    [InlineData("show?m=HXDYzEzVMGPx&auth=Bearer+abc")]
    public async Task LinkWithoutValidModelId_Answers400WithAMessage(string path)
    {
        var response = await _page.GotoAsync(fixture.Server.BaseAddress + path);
        Assert.Equal(400, response!.Status);
        await Expect(_page.Locator("#message-title")).ToHaveTextAsync("No model in this link");
        await Expect(_page.Locator("#message")).ToBeVisibleAsync();
        await Expect(_page.Locator("#loading")).ToBeHiddenAsync();
        await Expect(_page.Locator("script[src*='viewer.js']")).ToHaveCountAsync(0);
    }
}
