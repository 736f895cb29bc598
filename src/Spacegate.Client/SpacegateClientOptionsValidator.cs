using Microsoft.Extensions.Options;

namespace Spacegate.Client;

/// <summary>Fails fast at start-up with a message that names the wrong setting.</summary>
internal sealed class SpacegateClientOptionsValidator : IValidateOptions<SpacegateClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SpacegateClientOptions options)
    {
        var failures = new List<string>();
        if (options.BaseAddress is not { IsAbsoluteUri: true } baseAddress || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{nameof(SpacegateClientOptions.BaseAddress)} must be an absolute http(s) URL, e.g. https://spacegate.example.com.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{nameof(SpacegateClientOptions.ClientId)} is required.");
        }
        if (options.RedirectUri is { IsAbsoluteUri: false })
        {
            failures.Add($"{nameof(SpacegateClientOptions.RedirectUri)} must be an absolute URL.");
        }
        if (options.RefreshBeforeExpiry < TimeSpan.Zero || options.RefreshBeforeExpiry > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{nameof(SpacegateClientOptions.RefreshBeforeExpiry)} must be between 0 and 30 minutes.");
        }
        foreach (var scope in options.Scopes)
        {
            if (string.IsNullOrWhiteSpace(scope) || scope.Contains(' '))
            {
                failures.Add($"{nameof(SpacegateClientOptions.Scopes)} holds one scope per entry, without spaces ('{scope}').");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
