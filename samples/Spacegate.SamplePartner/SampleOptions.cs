namespace Spacegate.SamplePartner;

/// <summary>The sample's own settings (section <c>Sample</c>).</summary>
public sealed class SampleOptions
{
    /// <summary>A folder for <see cref="Spacegate.Client.Tokens.FileTokenStore"/>; empty keeps tokens in memory.</summary>
    public string? TokenFolder { get; set; }

    /// <summary>How long each embed token minted for the viewer lives; the JS SDK renews it before it ends.</summary>
    public TimeSpan EmbedTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Spaces per page in the list.</summary>
    public int PageSize { get; set; } = 5;
}
