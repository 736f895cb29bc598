using Microsoft.Extensions.Options;

namespace Spacegate.Server.OAuth.Keys;

/// <summary>Refuses key settings under which a node could meet a token signed with a key it does not know.</summary>
public sealed class TokenKeyOptionsValidator : IValidateOptions<TokenKeyOptions>
{
    public static readonly TimeSpan MinRotateEvery = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, TokenKeyOptions options)
    {
        var errors = new List<string>();
        if (options.ReloadInterval <= TimeSpan.Zero || options.ReloadInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Keys:ReloadInterval must be more than 0 and at most 1 hour.");
        }
        if (!options.IsSafeActivationDelay(options.ActivationDelay))
        {
            errors.Add("Keys:ActivationDelay must be longer than Keys:ReloadInterval, or a node could receive a token signed with a key it has not loaded yet.");
        }
        if (options.Retention < TokenKeyOptions.LongestTokenLifetime)
        {
            errors.Add("Keys:Retention must be at least 30 days (the refresh-token lifetime), or refresh tokens would stop working before they expire.");
        }
        if (options.RotateEvery is { } every && every < MinRotateEvery)
        {
            errors.Add("Keys:RotateEvery must be at least 7 days (or empty to rotate only on demand).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
