using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Spacegate.Server.Data;
using Spacegate.Server.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Serves the signed download URLs the Model API hands out (scenes, images, unlocked bundle assets).
/// A URL works until its validUntil, and only while the access token it was issued to is still valid.
/// </summary>
public static class FileEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/models/{modelId}/files/{fileId}/{fileName}", ServeFileAsync).RequireCors(ModelApiExtensions.CorsPolicy);
        endpoints.MapGet("/api/models/{modelId}/bundles/{bundleId}/{fileName}", ServeBundleAssetAsync).RequireCors(ModelApiExtensions.CorsPolicy);
    }

    private static async Task<IResult> ServeFileAsync(HttpContext http, string modelId, string fileId, string fileName,
        SignedUrls urls, IOpenIddictTokenManager tokens, SpacegateDbContext db, TimeProvider clock)
    {
        if (await CheckAsync(http, urls, tokens, clock) is { } refusal)
        {
            return refusal;
        }
        var file = await db.ModelFiles.AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == fileId && f.ModelId == modelId && f.FileName == fileName, http.RequestAborted);
        return file is null ? NotFound() : File(http, file.Content, file.ContentType, file.FileName);
    }

    private static async Task<IResult> ServeBundleAssetAsync(HttpContext http, string modelId, string bundleId, string fileName,
        SignedUrls urls, IOpenIddictTokenManager tokens, SpacegateDbContext db, TimeProvider clock)
    {
        if (await CheckAsync(http, urls, tokens, clock) is { } refusal)
        {
            return refusal;
        }
        var bundle = await db.ModelBundles.AsNoTracking()
            .FirstOrDefaultAsync(b => b.ModelId == modelId && b.BundleId == bundleId, http.RequestAborted);
        if (bundle is not { Availability: BundleAvailability.Unlocked })
        {
            return NotFound();
        }
        var model = await db.Models.AsNoTracking().FirstAsync(m => m.Id == modelId, http.RequestAborted);
        var asset = BundleViews.RenderAsset(model, bundleId, fileName);
        return asset is null ? NotFound() : File(http, asset.Value.Content, asset.Value.ContentType, fileName);
    }

    private static async Task<IResult?> CheckAsync(HttpContext http, SignedUrls urls, IOpenIddictTokenManager tokens, TimeProvider clock)
    {
        http.Response.Headers.CacheControl = "no-store";
        var tokenId = urls.Verify(http.Request);
        if (tokenId is null)
        {
            return Refuse("The download URL is invalid or has expired; ask the Model API for a new one.");
        }
        var token = await tokens.FindByIdAsync(tokenId, http.RequestAborted);
        if (token is null || !await tokens.HasStatusAsync(token, Statuses.Valid, http.RequestAborted) ||
            await tokens.GetExpirationDateAsync(token, http.RequestAborted) is not { } expires || expires <= clock.GetUtcNow())
        {
            return Refuse("The access token this URL was issued to has expired or was revoked.");
        }
        return null;
    }

    private static IResult Refuse(string message) => ApiErrorWriter.Result(ApiError.Unauthorized(message));

    private static IResult NotFound() => ApiErrorWriter.Result(new ApiError(ApiErrorCodes.NotFound, "The file was not found."));

    private static IResult File(HttpContext http, byte[] content, string contentType, string fileName)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(content, contentType, fileName);
    }
}
