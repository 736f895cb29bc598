namespace Spacegate.Server.ModelApi;

/// <summary>The Model API's log messages (never a token or a query's values).</summary>
public static partial class ModelApiLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Error, Message = "Model API field {Field} failed")]
    public static partial void FieldFailed(ILogger logger, Exception exception, string? field);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Model API request stopped after its execution time limit of {Limit}")]
    public static partial void TimedOut(ILogger logger, TimeSpan limit);
}
