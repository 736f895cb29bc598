using Xunit;

namespace Spacegate.Tests.Operations;

/// <summary>Tests that count process-wide metrics: run after the parallel tests, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics (not parallel)";
}
