namespace Spacegate.Server.Audit;

/// <summary>The audited actions (stored as these strings).</summary>
public static class AuditActions
{
    public const string GrantGiven = "grant.given";
    public const string GrantRevoked = "grant.revoked";
    public const string RefreshTokenReuse = "refresh_token.reuse_detected";
    public const string AppCreated = "app.created";
    public const string AppSecretReset = "app.secret_reset";
    public const string AppProductionRequested = "app.production_requested";
    public const string AppProductionApproved = "app.production_approved";
    public const string AppProductionRejected = "app.production_rejected";
    public const string AppDeleted = "app.deleted";
    public const string AccountFlagsChanged = "account.flags_changed";
    public const string BundlePurchased = "bundle.purchased";
    public const string EmbedTokenMinted = "embed_token.minted";
    public const string EmbedTokenDeleted = "embed_token.deleted";

    public const string CliActor = "cli";
    public const string SystemActor = "system";
    public const string AppActorPrefix = "app:";
}
