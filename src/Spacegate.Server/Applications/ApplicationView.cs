using Spacegate.Server.Domain;

namespace Spacegate.Server.Applications;

/// <summary>An OAuth application as the portal shows it: never its secret, which only exists as a hash.</summary>
public sealed record ApplicationView(
    string ClientId,
    string Name,
    string AccountId,
    string AccountName,
    ApplicationMode Mode,
    ClientKind ClientKind,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RedirectUris,
    int AccessTokenMinutes,
    string? ReviewNote,
    DateTimeOffset CreatedAt)
{
    /// <summary>A rejected request leaves the app in development with the reviewer's reason; show it until the next request.</summary>
    public string? RejectionReason => Mode == ApplicationMode.Development ? ReviewNote : null;
}
