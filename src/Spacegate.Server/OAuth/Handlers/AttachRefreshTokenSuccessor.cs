using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Spacegate.Server.Data;
using Spacegate.Server.Operations;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// After OpenIddict generated the refresh token: records a rotation so that a repeat inside the
/// leeway returns this same successor, or attaches the successor recorded by an earlier request.
/// If another node rotated the same token first, its successor wins and ours is revoked, so a
/// burst of parallel refreshes still yields exactly one successor.
/// </summary>
public sealed class AttachRefreshTokenSuccessor(
    TokenIssuancePlan plan,
    SpacegateDbContext db,
    IDataProtectionProvider dataProtection,
    IOpenIddictTokenManager tokens,
    SpacegateMetrics metrics,
    TimeProvider clock) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public const string ProtectorPurpose = "Spacegate.RefreshTokenSuccessor";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseScopedHandler<AttachRefreshTokenSuccessor>()
            .SetOrder(OpenIddictServerHandlers.GenerateRefreshToken.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType is not OpenIddictServerEndpointType.Token)
        {
            return;
        }
        var protector = dataProtection.CreateProtector(ProtectorPurpose);
        if (plan.Refresh == RefreshTokenIssuance.ReuseSuccessor)
        {
            context.RefreshToken = plan.Successor;
            return;
        }
        if (plan.Refresh != RefreshTokenIssuance.Issue || plan.RotatedTokenId is null || context.RefreshToken is null)
        {
            return;
        }

        db.RefreshTokenRotations.Add(new RefreshTokenRotation
        {
            TokenId = plan.RotatedTokenId,
            ProtectedSuccessor = protector.Protect(context.RefreshToken),
            RotatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
            metrics.RefreshTokenRotated();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            var winner = await db.RefreshTokenRotations.AsNoTracking()
                .SingleAsync(r => r.TokenId == plan.RotatedTokenId, context.CancellationToken);
            var ours = context.RefreshTokenPrincipal?.GetTokenId();
            if (ours is not null && await tokens.FindByIdAsync(ours, context.CancellationToken) is { } entry)
            {
                await tokens.TryRevokeAsync(entry, context.CancellationToken);
            }
            context.RefreshToken = protector.Unprotect(winner.ProtectedSuccessor!);
        }
    }
}
