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

/// <summary>The fields of <see cref="ApplicationRegistration"/> an error can point at, so forms show it beside the field.</summary>
public static class ApplicationField
{
    public const string General = "";
    public const string Name = "Name";
    public const string RedirectUris = "RedirectUris";
    public const string AccessTokenMinutes = "AccessTokenMinutes";
    public const string Scopes = "Scopes";
}

/// <summary>A validation or state error; <see cref="Field"/> is one of <see cref="ApplicationField"/>.</summary>
public sealed record ApplicationError(string Field, string Message)
{
    public override string ToString() => Message;
}

public sealed record ApplicationResult(bool Succeeded, IReadOnlyList<ApplicationError> Errors, string? ClientId = null, string? ClientSecret = null)
{
    public static ApplicationResult Fail(string error) => new(false, [new ApplicationError(ApplicationField.General, error)]);
}
