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
          for (let i = 0; i < data.length; i += 4) {
            const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
            const key = `${r >> 5},${g >> 5},${b >> 5}`;
            buckets[key] = (buckets[key] || 0) + 1;
          }
          return { width: copy.width, height: copy.height, buckets: Object.entries(buckets) };
        }
        """;

    // A 48x32 greyscale thumbnail of the canvas: enough to tell whether the camera moved.
    private const string Thumbnail = """
        () => {
          const copy = document.createElement('canvas');
          copy.width = 48;
          copy.height = 32;
          const context = copy.getContext('2d');
          context.drawImage(document.getElementById('scene'), 0, 0, 48, 32);
          const data = context.getImageData(0, 0, 48, 32).data;
          const grey = [];
          for (let i = 0; i < data.length; i += 4) grey.push(Math.round((data[i] + data[i + 1] + data[i + 2]) / 3));
          return grey;
        }
        """;

    public static Task<int[]> ThumbnailAsync(IFrame frame) => frame.EvaluateAsync<int[]>(Thumbnail);

    /// <summary>Mean absolute difference of two thumbnails, 0 to 255.</summary>
    public static double Difference(int[] a, int[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    public sealed record Colours(int Width, int Height, Dictionary<string, int> Buckets)
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
            json.GetProperty("buckets").EnumerateArray().ToDictionary(b => b[0].GetString()!, b => b[1].GetInt32()));
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

    /// <summary>
    /// Asserts a model is on the canvas: besides the background, several colours (walls, floors, grid)
    /// that together cover a good part of the picture.
    /// </summary>
    public static async Task<Colours> ExpectSceneRenderedAsync(IFrame frame)
    {
        var colours = await ReadColoursAsync(frame);
        var distinct = colours.Distinct();
        var covered = distinct.Sum(key => colours.Buckets[key]);
        var summary = string.Join(" ", colours.Buckets.OrderByDescending(b => b.Value).Take(12));
        Assert.True(distinct.Count >= 4, $"Only {distinct.Count} non-background colours: {summary}");
        Assert.True(covered > colours.Pixels / 10, $"The model covers only {covered} of {colours.Pixels} pixels: {summary}");
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
