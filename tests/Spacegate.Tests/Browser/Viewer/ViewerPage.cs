using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Spacegate.Tests.Browser.Viewer;

/// <summary>Reads the viewer page (or the viewer inside an iframe): its state, its canvas pixels, screenshots.</summary>
public static class ViewerPage
{
    /// <summary>The scene's clear colour (stage.js BackgroundColor, #1e242c).</summary>
    public static readonly (int R, int G, int B) Background = (0x1e, 0x24, 0x2c);

    // Copies the WebGL canvas (preserveDrawingBuffer) into a 2D canvas and counts pixels per colour,
    // with 8 levels per channel so antialiasing and lighting gradients fold into a few buckets.
    private const string CountColours = """
        () => {
          const source = document.getElementById('scene');
          const copy = document.createElement('canvas');
          copy.width = source.width;
          copy.height = source.height;
          const context = copy.getContext('2d');
          context.drawImage(source, 0, 0);
          const data = context.getImageData(0, 0, copy.width, copy.height).data;
          const buckets = {};
          let red = 0, green = 0, blue = 0;
          for (let i = 0; i < data.length; i += 4) {
            const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
            const key = `${r >> 5},${g >> 5},${b >> 5}`;
            buckets[key] = (buckets[key] || 0) + 1;
            if (r > g + 60 && r > b + 60) red++;
            if (g > r + 40 && g > b + 40) green++;
            if (b > r + 60 && b > g + 30) blue++;
          }
          return { width: copy.width, height: copy.height, buckets: Object.entries(buckets), red, green, blue };
        }
        """;

    public sealed record Colours(int Width, int Height, Dictionary<string, int> Buckets, int Red, int Green, int Blue)
    {
        public int Pixels => Width * Height;

        /// <summary>Colour buckets, other than the background's, that cover at least 0.2% of the canvas.</summary>
        public List<string> Distinct()
        {
            var background = $"{Background.R >> 5},{Background.G >> 5},{Background.B >> 5}";
            return Buckets.Where(b => b.Key != background && b.Value >= Pixels / 500).Select(b => b.Key).ToList();
        }
    }

    public static async Task<Colours> ReadColoursAsync(IFrame frame)
    {
        var json = await frame.EvaluateAsync<JsonElement>(CountColours);
        var result = new Colours(json.GetProperty("width").GetInt32(), json.GetProperty("height").GetInt32(),
            json.GetProperty("buckets").EnumerateArray().ToDictionary(b => b[0].GetString()!, b => b[1].GetInt32()),
            json.GetProperty("red").GetInt32(), json.GetProperty("green").GetInt32(), json.GetProperty("blue").GetInt32());
        Assert.True(result.Width > 100 && result.Height > 100, $"Canvas is {result.Width}x{result.Height}");
        return result;
    }

    public static async Task ExpectReadyAsync(IFrame frame, string modelName)
    {
        await Expect(frame.Locator("#viewer[data-state=ready]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(frame.Locator("#model-name")).ToHaveTextAsync(modelName);
        await Expect(frame.Locator("#overlay")).ToBeHiddenAsync();
    }

    public static async Task ExpectExpiredAsync(IFrame frame)
    {
        await Expect(frame.Locator("#viewer[data-state=expired]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(frame.Locator("#message-title")).ToHaveTextAsync("Session expired");
        await Expect(frame.Locator("#message")).ToBeVisibleAsync();
        await Expect(frame.Locator("#status")).ToContainTextAsync("Session expired");
        await Expect(frame.Locator("#reload")).ToBeDisabledAsync();
    }

    /// <summary>Asserts the test scene is on the canvas: several colours besides the background, including its red, green and blue boxes.</summary>
    public static async Task<Colours> ExpectTestSceneRenderedAsync(IFrame frame)
    {
        var colours = await ReadColoursAsync(frame);
        var distinct = colours.Distinct();
        Assert.True(distinct.Count >= 4, $"Only {distinct.Count} non-background colours: {string.Join(" ", colours.Buckets.OrderByDescending(b => b.Value).Take(12))}");
        var minimum = colours.Pixels / 400;
        Assert.True(colours.Red > minimum && colours.Green > minimum && colours.Blue > minimum,
            $"Boxes not all visible: red {colours.Red}, green {colours.Green}, blue {colours.Blue} pixels (need > {minimum} each)");
        return colours;
    }

    public static string ArtifactsFolder()
    {
        var folder = Environment.GetEnvironmentVariable("ARTIFACTS");
        if (string.IsNullOrWhiteSpace(folder))
        {
            folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        }
        folder = Path.Combine(folder, "viewer");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ArtifactsFolder(), name);
        await page.ScreenshotAsync(new() { Path = path });
        var size = new FileInfo(path).Length;
        Assert.True(size > 5_000, $"Screenshot {path} is only {size} bytes");
        return path;
    }
}
