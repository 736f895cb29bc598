using Microsoft.Extensions.Options;

namespace Spacegate.Server.ModelApi;

public sealed class ModelApiOptionsValidator : IValidateOptions<ModelApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelApiOptions options) =>
        options.ExecutionTimeLimit <= TimeSpan.Zero || options.ExecutionTimeLimit > ModelApiOptions.MaxExecutionTimeLimit
            ? ValidateOptionsResult.Fail(
                $"{ModelApiOptions.Section}:{nameof(ModelApiOptions.ExecutionTimeLimit)} must be more than 0 and at most " +
                $"{ModelApiOptions.MaxExecutionTimeLimit} (a TimeSpan such as 00:00:10); it is {options.ExecutionTimeLimit}.")
            : ValidateOptionsResult.Success;
}
