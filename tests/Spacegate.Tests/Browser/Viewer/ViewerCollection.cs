using Xunit;

namespace Spacegate.Tests.Browser.Viewer;

/// <summary>
/// The viewer's browser tests run one class at a time: software WebGL is CPU-heavy, and the SDK tests
/// wait on real browser timers that a busy machine would delay.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ViewerCollection
{
    public const string Name = "Viewer browser tests";
}
