using System.Collections.Concurrent;

namespace Spacegate.Tests.Fuzz;

/// <summary>What a fuzz run saw: responses by status code, and every request that broke a rule.</summary>
public sealed class FuzzReport(int seed)
{
    public int Seed { get; } = seed;
    public ConcurrentDictionary<int, int> ByStatus { get; } = new();
    public ConcurrentQueue<string> Failures { get; } = new();
    public int Sent => ByStatus.Values.Sum();

    public string Summary() =>
        $"seed {Seed}: {Sent} requests; by status " +
        string.Join(", ", ByStatus.OrderBy(p => p.Key).Select(p => $"{(p.Key == 0 ? "no response" : p.Key.ToString())}: {p.Value}"));
}
