using Spacegate.Server.Models;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Which models a caller can see (SPEC §2): only its token's account, ever; with ViewDetails every model
/// of it, with ViewPublic only active public and unlisted ones, with an embed token only the embedded models.
/// A model outside this set is reported exactly like a missing one. ViewPublic leaves inactive models out
/// because a model's state is a private detail: if model(id:) showed an inactive model that searches hide,
/// comparing the two would reveal its state.
/// </summary>
public static class ModelAccess
{
    public static IQueryable<Model> Visible(IQueryable<Model> models, ApiCaller caller)
    {
        var accountId = caller.AccountId;
        var own = models.Where(m => m.AccountId == accountId);
        if (caller.EmbedModelIds is { } embedded)
        {
            var ids = embedded.ToList();
            return own.Where(m => ids.Contains(m.Id));
        }
        if (caller.Has(OAuthScopes.ViewDetails))
        {
            return own;
        }
        if (caller.Has(OAuthScopes.ViewPublic))
        {
            return own.Where(m => m.State == ModelState.Active &&
                (m.AccessVisibility == ModelAccessVisibility.Public || m.AccessVisibility == ModelAccessVisibility.Unlisted));
        }
        return own.Where(m => false);
    }

    /// <summary>
    /// <see cref="Visible"/> for a model of the caller's account, decided by its state and visibility alone; null when
    /// that is not enough (an embed token sees given models). Kept beside <see cref="Visible"/>: the two must agree.
    /// </summary>
    public static bool? VisibleByState(ApiCaller caller, ModelState state, ModelAccessVisibility visibility)
    {
        if (caller.EmbedModelIds is not null)
        {
            return null;
        }
        if (caller.Has(OAuthScopes.ViewDetails))
        {
            return true;
        }
        if (caller.Has(OAuthScopes.ViewPublic))
        {
            return state == ModelState.Active && visibility is ModelAccessVisibility.Public or ModelAccessVisibility.Unlisted;
        }
        return false;
    }

    /// <summary>
    /// <see cref="Visible"/> for one model already read (by id, within the caller's account or not): the same rule in
    /// memory, so a lookup by primary key needs no per-caller query. Kept beside <see cref="Visible"/>: the two must agree
    /// (ModelAccessTests checks them against each other).
    /// </summary>
    public static bool IsVisible(ApiCaller caller, Model model) =>
        model.AccountId == caller.AccountId &&
        (caller.EmbedModelIds is { } embedded ? embedded.Contains(model.Id) : VisibleByState(caller, model.State, model.AccessVisibility) == true);

    /// <summary>Models a mutation may change: any model of the token's account, never through an embed token.</summary>
    public static IQueryable<Model> Editable(IQueryable<Model> models, ApiCaller caller)
    {
        var accountId = caller.AccountId;
        return caller.IsEmbed ? models.Where(m => false) : models.Where(m => m.AccountId == accountId);
    }

    public static void RequireViewScope(ApiCaller caller)
    {
        if (!caller.SeesPublicDetails)
        {
            throw ApiError.MissingScope(OAuthScopes.ViewPublic, "read models");
        }
    }
}
