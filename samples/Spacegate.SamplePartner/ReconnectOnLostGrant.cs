using Spacegate.Client.Errors;

namespace Spacegate.SamplePartner;

/// <summary>When Spacegate says the user's grant is gone, the user is asked to connect again (never a retry).</summary>
public sealed class ReconnectOnLostGrant(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (SpacegateReconnectRequiredException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Redirect("/?reconnect=1");
        }
    }
}
