using GraphQL;
using Spacegate.Server.Models;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.ModelApi;

/// <summary>The scope checks of SPEC §2, applied by each field resolver before it returns data.</summary>
public static class FieldAccess
{
    /// <summary>Public details: ViewPublic, ViewDetails, or an embed token for this model.</summary>
    public static Model Public(IResolveFieldContext<Model> context)
    {
        var caller = context.Caller();
        if (!caller.SeesPublicDetails)
        {
            throw ApiError.MissingScope(OAuthScopes.ViewPublic, "read model details");
        }
        return context.Source;
    }

    /// <summary>Private details: ViewDetails (never an embed token).</summary>
    public static Model Private(IResolveFieldContext<Model> context)
    {
        if (!context.Caller().SeesPrivateDetails)
        {
            throw ApiError.MissingScope(OAuthScopes.ViewDetails, "read private model details");
        }
        return context.Source;
    }

    /// <summary>Scene and images: DownloadAssets, or an embed token (which exists to show the scene).</summary>
    public static Model Assets(IResolveFieldContext<Model> context)
    {
        var caller = context.Caller();
        if (!caller.IsEmbed && !caller.Has(OAuthScopes.DownloadAssets))
        {
            throw ApiError.MissingScope(OAuthScopes.DownloadAssets, "read download URLs");
        }
        return context.Source;
    }

    public static void RequireScope(IResolveFieldContext context, string scope, string what)
    {
        if (!context.Caller().Has(scope))
        {
            throw ApiError.MissingScope(scope, what);
        }
    }
}
