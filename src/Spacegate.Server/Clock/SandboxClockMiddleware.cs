using Spacegate.Server.Data;

namespace Spacegate.Server.Clock;

/// <summary>
/// SPEC §9: `clock advance` and `clock reset` return once every running node uses the new offset. Each
/// request reads the shared offset from the database before anything looks at the clock (one
/// primary-key read of a one-row table, sandbox only), so there is nothing to wait for: the command's
/// commit is the moment every node of the database, live or started later, moves. No node keeps state
/// that could lag, and no node needs to be known to the CLI.
/// </summary>
public sealed class SandboxClockMiddleware(RequestDelegate next, SandboxTimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context, SandboxClockService state, RequestCacheVersions cacheVersions)
    {
        if (clock.IsSandbox)
        {
            var (offset, versions) = await state.GetOffsetAndCacheVersionsAsync(context.RequestAborted);
            clock.UseOffsetForCurrentRequest(offset);
            cacheVersions.Use(versions); // same query, so the caches need no read of their own
        }
        await next(context);
    }
}
