using Microsoft.AspNetCore.Antiforgery;
using Spacegate.Client.Authorization;
using Spacegate.Client.Tokens;

namespace Spacegate.SamplePartner;

/// <summary>The non-page endpoints: start the connection, disconnect, and renew the viewer's token.</summary>
public static class SampleEndpoints
{
    public static void MapSampleEndpoints(this IEndpointRouteBuilder app)
    {
        // Opened in the popup (or as a page without JavaScript): remember state and verifier, go to Spacegate.
        app.MapGet("/connect", async (HttpContext context, SpacegateAuthorization authorization, PendingAuthorizations pending) =>
        {
            var started = await authorization.StartAsync();
            pending.Add(SampleSession.Id(context), started);
            return Results.Redirect(started.Url);
        });

        app.MapPost("/disconnect", async (HttpContext context, IAntiforgery antiforgery, SpacegateUserTokens tokens) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            await tokens.DisconnectAsync(SampleSession.TokenKey(context), context.RequestAborted);
            return Results.Redirect("/?disconnected=1");
        });

        // The JS SDK's token refresher calls this before the viewer's token expires. A real app checks here that the
        // visitor may see the model; the antiforgery header keeps other sites from minting tokens through a visitor.
        app.MapPost("/refresh", async (HttpContext context, IAntiforgery antiforgery, EmbedTokens embed, string m) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            var token = await embed.MintAsync(m, context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { access_token = token.AccessToken, expires_in = token.ExpiresIn });
        });
    }
}
