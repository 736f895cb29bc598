using System.Globalization;
using Spacegate.Server.Applications;

namespace Spacegate.Server.Pages.Developer;

/// <summary>
/// The create/edit form as posted. Values stay strings so that whatever was typed comes back on the
/// page with the validator's message, instead of being lost to model binding.
/// </summary>
public sealed class ApplicationForm
{
    public const string ClientTypeField = "ClientType";

    public string? Name { get; set; }

    /// <summary>One redirect URI per line.</summary>
    public string? RedirectUris { get; set; }

    public string? AccessTokenMinutes { get; set; } = "60";

    public List<string> Scopes { get; set; } = [];

    public string? ClientType { get; set; } = "confidential";

    public static ApplicationForm From(ApplicationView app) => new()
    {
        Name = app.Name,
        RedirectUris = string.Join('\n', app.RedirectUris),
        AccessTokenMinutes = app.AccessTokenMinutes.ToString(CultureInfo.InvariantCulture),
        Scopes = [.. app.Scopes],
        ClientType = app.ClientKind == ClientKind.Implicit ? "implicit" : "confidential",
    };

    /// <summary>
    /// Builds the registration for <see cref="ApplicationService"/>, which validates it. A duration that is
    /// not a whole number is passed as 0, so the validator's range message explains what is accepted.
    /// </summary>
    public ApplicationRegistration ToRegistration(out List<ApplicationError> errors)
    {
        errors = [];
        var kind = (ClientType ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "confidential" => ClientKind.Confidential,
            "implicit" => ClientKind.Implicit,
            _ => (ClientKind?)null,
        };
        if (kind is null)
        {
            errors.Add(new ApplicationError(ClientTypeField, "Choose confidential or implicit as the client type."));
        }
        var minutes = int.TryParse(AccessTokenMinutes, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var uris = (RedirectUris ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ApplicationRegistration(Name ?? "", uris, Scopes, minutes, kind ?? ClientKind.Confidential);
    }
}
