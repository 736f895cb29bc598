using System.Text.Json;

namespace Spacegate.Server.Cli;

/// <summary>The services and output helpers a verb runs with.</summary>
public sealed class CliContext(IServiceProvider services, TextWriter output, bool json, CancellationToken cancellationToken)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public IServiceProvider Services { get; } = services;
    public bool Json { get; } = json;
    public TextWriter Output { get; } = output;

    /// <summary>Cancelled by Ctrl+C or SIGTERM; every service call takes it.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Prints <paramref name="value"/> as JSON with --json, or the human text otherwise.</summary>
    public void Print(object value, string text) => Output.WriteLine(Json ? JsonSerializer.Serialize(value, JsonOptions) : text);
}
