using Microsoft.Extensions.Options;

namespace Spacegate.Server.ModelApi;

public sealed class ModelApiOptionsValidator : IValidateOptions<ModelApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelApiOptions options)
    {
        var failures = new List<string>();
        if (options.ExecutionTimeLimit <= TimeSpan.Zero || options.ExecutionTimeLimit > ModelApiOptions.MaxExecutionTimeLimit)
        {
            failures.Add($"{ModelApiOptions.Section}:{nameof(ModelApiOptions.ExecutionTimeLimit)} must be more than 0 and at most " +
                $"{ModelApiOptions.MaxExecutionTimeLimit} (a TimeSpan such as 00:00:10); it is {options.ExecutionTimeLimit}.");
        }
        if (options.BearerCacheEntries is < 0 or > ModelApiOptions.MaxBearerCacheEntries)
        {
            failures.Add($"{ModelApiOptions.Section}:{nameof(ModelApiOptions.BearerCacheEntries)} must be between 0 (off) and " +
                $"{ModelApiOptions.MaxBearerCacheEntries:N0}; it is {options.BearerCacheEntries}.");
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
