namespace Spacegate.Server.Applications;

public enum ClientKind
{
    Confidential,

    /// <summary>Browser-only apps that use response_type=token (and PKCE for the code flow); no secret.</summary>
    Implicit,
}

/// <summary>What a developer fills in to create or edit an OAuth application (SPEC §1).</summary>
public sealed record ApplicationRegistration(
    string Name,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> Scopes,
    int AccessTokenMinutes = 60,
    ClientKind ClientKind = ClientKind.Confidential);

public sealed record ApplicationResult(bool Succeeded, IReadOnlyList<string> Errors, string? ClientId = null, string? ClientSecret = null)
{
    public static ApplicationResult Fail(params string[] errors) => new(false, errors);
}
