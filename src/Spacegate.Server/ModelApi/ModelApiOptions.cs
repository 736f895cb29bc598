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

    public const int MaxBearerCacheEntries = 1_000_000;

    /// <summary>
    /// How many validated bearer tokens each node remembers (<see cref="BearerTokenCache"/>); 0 turns the cache off and
    /// every request reads its token and grant. Default 10,000; at most 1,000,000.
    /// </summary>
    public int BearerCacheEntries { get; set; } = 10_000;
}
