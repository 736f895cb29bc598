using Microsoft.AspNetCore.StaticFiles;

namespace Spacegate.Server.Hosting;

/// <summary>
/// How wwwroot is served. <c>/sdk/*</c> (the Showcase SDK and its type declarations) carries
/// <c>Access-Control-Allow-Origin: *</c>: host pages on any origin import the SDK as an ES module,
/// which the browser fetches in CORS mode. The SDK holds nothing private, so any origin may read it.
/// </summary>
public static class StaticFileSettings
{
    public const string SdkPath = "/sdk";

    public static StaticFileOptions Create()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript";
        types.Mappings[".ts"] = "text/plain; charset=utf-8"; // showcase-sdk.d.ts, not an MPEG transport stream
        return new StaticFileOptions
        {
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                if (!context.Context.Request.Path.StartsWithSegments(SdkPath))
                {
                    return;
                }
                var headers = context.Context.Response.Headers;
                headers.AccessControlAllowOrigin = "*";
                headers["Cross-Origin-Resource-Policy"] = "cross-origin";
                headers.CacheControl = "no-cache"; // revalidate (ETag), so host pages pick up a new SDK at once
            },
        };
    }
}
