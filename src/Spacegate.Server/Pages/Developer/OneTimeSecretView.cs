namespace Spacegate.Server.Pages.Developer;

/// <summary>Credentials shown right after creation or a reset; the secret exists in clear text only in this response.</summary>
public sealed record OneTimeSecretView(string AppName, string ClientId, string? ClientSecret, string AccountId);
