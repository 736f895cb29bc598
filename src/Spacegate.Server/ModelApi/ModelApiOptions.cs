namespace Spacegate.Server.ModelApi;

/// <summary>Settings of the Model API (configuration section <c>ModelApi</c>).</summary>
public sealed class ModelApiOptions
{
    public const string Section = "ModelApi";
    public static readonly TimeSpan MaxExecutionTimeLimit = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one GraphQL request may run (parsing, validation and execution) before it is stopped and answered
    /// with <c>request.invalid</c>. Default 10 seconds; more than 0 and at most 5 minutes.
    /// </summary>
    public TimeSpan ExecutionTimeLimit { get; set; } = TimeSpan.FromSeconds(10);
}
