using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Spacegate.Server.Hosting;
using Xunit;

namespace Spacegate.Tests.Hosting;

/// <summary>
/// UnexpectedErrorHandler: when the client leaves while the error answer is being written (a load generator stopping
/// mid-request, a closed tab), the handler reports the exception handled instead of throwing from the error path.
/// </summary>
public sealed class UnexpectedErrorHandlerAbortTests
{
    [Fact]
    public async Task UnexpectedErrorHandler_ClientLeavesDuringTheAnswer_HandledWithoutThrowing()
    {
        using var aborted = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestAborted = aborted.Token };
        http.Request.Method = "POST";
        http.Request.Path = "/api/oauth/token";
        http.Response.Body = new LeavingClientStream(aborted);
        var handler = new UnexpectedErrorHandler(new NoProblems(), NullLogger<UnexpectedErrorHandler>.Instance);

        var handled = await handler.TryHandleAsync(http,
            new BadHttpRequestException("Unexpected end of request content."), aborted.Token);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
        Assert.True(aborted.IsCancellationRequested, "the write was attempted");
    }

    [Fact]
    public async Task UnexpectedErrorHandler_WriteCancelledWhileTheClientIsStillThere_NotSwallowed()
    {
        using var aborted = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestAborted = aborted.Token };
        http.Request.Path = "/api/oauth/token";
        http.Response.Body = new LeavingClientStream(null);
        var handler = new UnexpectedErrorHandler(new NoProblems(), NullLogger<UnexpectedErrorHandler>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await handler.TryHandleAsync(http, new InvalidOperationException("boom"), aborted.Token));
        Assert.False(aborted.IsCancellationRequested);
    }

    /// <summary>A response body whose client goes away on the first write (and says so when given a source).</summary>
    private sealed class LeavingClientStream(CancellationTokenSource? client) : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => Leave();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Leave().AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Leave().AsTask();

        private ValueTask Leave()
        {
            client?.Cancel();
            throw new OperationCanceledException("the write was cancelled");
        }
    }

    private sealed class NoProblems : IProblemDetailsService
    {
        public ValueTask WriteAsync(ProblemDetailsContext context) => ValueTask.CompletedTask;
    }
}
