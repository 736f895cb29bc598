using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using Spacegate.Server.Audit;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Grants;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.Applications;

/// <summary>Creates, edits and reviews OAuth applications, keeping OpenIddict's permissions in step.</summary>
public sealed class ApplicationService(
    SpacegateDbContext db,
    OpenIddictApplicationManager<OAuthApplication> manager,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    GrantRevocationService revocation,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<ApplicationResult> CreateAsync(string accountId, ApplicationRegistration registration,
        CancellationToken cancellationToken, string? clientId = null, string? clientSecret = null)
    {
        registration = Normalize(registration);
        var errors = ApplicationValidator.Validate(registration);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            errors.Add(new(ApplicationField.General, $"The account '{accountId}' does not exist."));
        }
        if (await IsNameTakenAsync(registration.Name, exceptId: null, cancellationToken))
        {
            errors.Add(new(ApplicationField.Name, $"An application named '{registration.Name}' already exists; names are unique."));
        }
        if (errors.Count > 0)
        {
            return new ApplicationResult(false, errors);
        }

        clientId ??= IdGenerator.NewClientId();
        var secret = registration.ClientKind == ClientKind.Confidential ? clientSecret ?? IdGenerator.NewSecret() : null;
        var app = new OAuthApplication { AccountId = accountId, Mode = ApplicationMode.Development, CreatedAt = clock.GetUtcNow() };
        var descriptor = BuildDescriptor(registration);
        descriptor.ClientId = clientId;
        await manager.PopulateAsync(app, descriptor, cancellationToken);
        app.AccessTokenMinutes = registration.AccessTokenMinutes;
        audit.Add(AuditActions.AppCreated, accountId, clientId, clientId, new { name = registration.Name, kind = registration.ClientKind.ToString() });
        await manager.CreateAsync(app, secret, cancellationToken);
        return new ApplicationResult(true, [], clientId, secret);
    }

    public async Task<ApplicationResult> UpdateAsync(string clientId, ApplicationRegistration registration, CancellationToken cancellationToken)
    {
        if (await manager.FindByClientIdAsync(clientId, cancellationToken) is not { } app)
        {
            return ApplicationResult.Fail($"No application has the client id '{clientId}'.");
        }
        registration = Normalize(registration) with { ClientKind = KindOf(app) };
        var errors = ApplicationValidator.Validate(registration);
        if (await IsNameTakenAsync(registration.Name, app.Id, cancellationToken))
        {
            errors.Add(new(ApplicationField.Name, $"An application named '{registration.Name}' already exists; names are unique."));
        }
        if (errors.Count > 0)
        {
            return new ApplicationResult(false, errors);
        }
        var descriptor = new OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(descriptor, app, cancellationToken);
        var fresh = BuildDescriptor(registration);
        descriptor.DisplayName = fresh.DisplayName;
        descriptor.RedirectUris.Clear();
        descriptor.RedirectUris.UnionWith(fresh.RedirectUris);
        descriptor.Permissions.Clear();
        descriptor.Permissions.UnionWith(fresh.Permissions);
        await manager.PopulateAsync(app, descriptor, cancellationToken);
        app.AccessTokenMinutes = registration.AccessTokenMinutes;
        await manager.UpdateAsync(app, cancellationToken);
        return new ApplicationResult(true, [], clientId);
    }

    /// <summary>Replaces the secret; the old one stops working at once and the app's tokens are revoked.</summary>
    public async Task<ApplicationResult> ResetSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await manager.FindByClientIdAsync(clientId, cancellationToken) is not { } app)
        {
            return ApplicationResult.Fail($"No application has the client id '{clientId}'.");
        }
        if (KindOf(app) != ClientKind.Confidential)
        {
            return ApplicationResult.Fail("Implicit applications have no client secret.");
        }
        var secret = IdGenerator.NewSecret();
        audit.Add(AuditActions.AppSecretReset, app.AccountId, clientId, clientId);
        await manager.UpdateAsync(app, secret, cancellationToken);
        // SPEC §4: a reset secret revokes what the old secret obtained, on the very next request.
        await tokens.RevokeByApplicationIdAsync(app.Id!, cancellationToken);
        return new ApplicationResult(true, [], clientId, secret);
    }

    public async Task<ApplicationResult> DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await manager.FindByClientIdAsync(clientId, cancellationToken) is not { } app)
        {
            return ApplicationResult.Fail($"No application has the client id '{clientId}'.");
        }
        await tokens.RevokeByApplicationIdAsync(app.Id!, cancellationToken);
        await authorizations.RevokeByApplicationIdAsync(app.Id!, cancellationToken);
        audit.Add(AuditActions.AppDeleted, app.AccountId, clientId, clientId, new { name = app.DisplayName });
        await manager.DeleteAsync(app, cancellationToken);
        return new ApplicationResult(true, [], clientId);
    }

    public Task<ApplicationResult> RequestProductionAsync(string clientId, CancellationToken cancellationToken) =>
        ChangeModeAsync(clientId, ApplicationMode.Development, ApplicationMode.Pending, null, cancellationToken);

    public Task<ApplicationResult> ApproveAsync(string clientId, string? note, CancellationToken cancellationToken) =>
        ChangeModeAsync(clientId, null, ApplicationMode.Production, note, cancellationToken);

    public const int MaxReviewNoteLength = 1000;

    /// <summary>Sends a pending app back to development; the reason is shown to its developers, so it is required.</summary>
    public Task<ApplicationResult> RejectAsync(string clientId, string reason, CancellationToken cancellationToken)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length is 0 or > MaxReviewNoteLength)
        {
            return Task.FromResult(ApplicationResult.Fail($"A reason for the rejection is required (at most {MaxReviewNoteLength} characters): the developers see it."));
        }
        return ChangeModeAsync(clientId, ApplicationMode.Pending, ApplicationMode.Development, reason, cancellationToken);
    }

    private async Task<ApplicationResult> ChangeModeAsync(string clientId, ApplicationMode? from, ApplicationMode to,
        string? note, CancellationToken cancellationToken)
    {
        var app = await db.Applications.FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);
        if (app is null)
        {
            return ApplicationResult.Fail($"No application has the client id '{clientId}'.");
        }
        if (from is not null && app.Mode != from)
        {
            return ApplicationResult.Fail($"The application is in {app.Mode.ToString().ToLowerInvariant()} mode, not {from.Value.ToString().ToLowerInvariant()}.");
        }
        var action = to switch
        {
            ApplicationMode.Pending => AuditActions.AppProductionRequested,
            ApplicationMode.Production => AuditActions.AppProductionApproved,
            _ => AuditActions.AppProductionRejected,
        };
        audit.Add(action, app.AccountId, clientId, clientId, new { from = app.Mode.ToString(), to = to.ToString(), note });
        app.Mode = to;
        app.ReviewNote = note;
        await db.SaveChangesAsync(cancellationToken);
        if (to != ApplicationMode.Production)
        {
            // Out of production, only members of the owning account may use the app (SPEC §3): grants that
            // others gave while it was approved end now, with their tokens.
            await revocation.RevokeGrantsBeyondOwningAccountAsync(app.Id!, app.AccountId, cancellationToken);
        }
        return new ApplicationResult(true, [], clientId);
    }

    public static ClientKind KindOf(OAuthApplication app) =>
        app.ClientType == ClientTypes.Public ? ClientKind.Implicit : ClientKind.Confidential;

    private Task<bool> IsNameTakenAsync(string name, string? exceptId, CancellationToken cancellationToken)
    {
        var lowered = name.ToLowerInvariant();
        return db.Applications.AnyAsync(a => a.DisplayName!.ToLower() == lowered && a.Id != exceptId, cancellationToken);
    }

    private static ApplicationRegistration Normalize(ApplicationRegistration r) => r with
    {
        Name = (r.Name ?? "").Trim(),
        RedirectUris = [.. r.RedirectUris.Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal)],
        Scopes = [.. r.Scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)],
    };

    private static OpenIddictApplicationDescriptor BuildDescriptor(ApplicationRegistration registration)
    {
        var implicitClient = registration.ClientKind == ClientKind.Implicit;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            DisplayName = registration.Name,
            ClientType = implicitClient ? ClientTypes.Public : ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Explicit,
        };
        foreach (var uri in registration.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
        ]);
        if (implicitClient)
        {
            descriptor.Permissions.UnionWith([Permissions.GrantTypes.Implicit, Permissions.ResponseTypes.Token]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }
        else
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }
        descriptor.Permissions.UnionWith(registration.Scopes.Select(s => Permissions.Prefixes.Scope + s));
        return descriptor;
    }
}
