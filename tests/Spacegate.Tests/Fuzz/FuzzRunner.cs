using System.Net;
using System.Text.RegularExpressions;

namespace Spacegate.Tests.Fuzz;

/// <summary>
/// Sends generated requests with bounded concurrency and a per-request timeout, and records any
/// response that breaks the rules: a 5xx, a stack trace or exception type in the body, no answer in time.
/// </summary>
public static partial class FuzzRunner
{
    public static async Task<FuzzReport> RunAsync(Uri baseAddress, int seed, int count, FuzzCredentials credentials,
        int concurrency = 8, TimeSpan? timeout = null)
    {
        var report = new FuzzReport(seed);
        var generator = new MalformedRequestGenerator(seed, baseAddress, credentials);
        var perRequest = timeout ?? TimeSpan.FromSeconds(10);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = concurrency,
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.Latin1, // bytes above 0x7F reach the server
        })
        { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };

        // Requests are generated in order on one thread so that a seed always yields the same sequence.
        using var slots = new SemaphoreSlim(concurrency);
        var running = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var request = generator.Next();
            var index = i;
            await slots.WaitAsync();
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await SendAsync(http, request, perRequest, report, index);
                }
                finally
                {
                    request.Message.Dispose();
                    slots.Release();
                }
            }));
            if (running.Count >= 1000)
            {
                await Task.WhenAll(running);
                running.Clear();
            }
        }
        await Task.WhenAll(running);
        return report;
    }

    private static async Task SendAsync(HttpClient http, FuzzRequest request, TimeSpan timeout, FuzzReport report, int index)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var response = await http.SendAsync(request.Message, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var status = (int)response.StatusCode;
            report.ByStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (status >= 500)
            {
                report.Failures.Enqueue($"#{index} {request.Description} -> {status}: {Excerpt(body)}");
            }
            else if (StackTrace().IsMatch(body))
            {
                report.Failures.Enqueue($"#{index} {request.Description} -> {status} with a stack trace: {Excerpt(body)}");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            report.ByStatus.AddOrUpdate(0, 1, (_, n) => n + 1);
            report.Failures.Enqueue($"#{index} {request.Description} -> no response within {timeout.TotalSeconds} s");
        }
        catch (HttpRequestException exception) when (IsRefusedByServer(exception))
        {
            // Kestrel may close the connection on a request it refuses to parse (an oversized header):
            // a bounded, deliberate answer, not a failure.
            report.ByStatus.AddOrUpdate(0, 1, (_, n) => n + 1);
        }
        catch (HttpRequestException exception)
        {
            report.ByStatus.AddOrUpdate(0, 1, (_, n) => n + 1);
            report.Failures.Enqueue($"#{index} {request.Description} -> {exception.HttpRequestError}: {exception.Message}");
        }
    }

    // Also: the server answered early (a 405, a 413) and closed the connection while a large body was still uploading.
    private static bool IsRefusedByServer(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse ||
        exception.InnerException is IOException;

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300] + "…";

    [GeneratedRegex(@"(?m)^\s+at [\w.`<>\[\]]+\(|\b(System|Microsoft|Spacegate|GraphQL|OpenIddict)\.[\w.]*Exception\b|\.cs:line \d")]
    private static partial Regex StackTrace();
}
