using Microsoft.Extensions.Options;
using Spacegate.Client.ModelApi;

namespace Spacegate.SamplePartner;

/// <summary>Mints Private Model Embed links with the application's own token, server side (the secret never leaves).</summary>
public sealed class EmbedTokens(SpacegateModelApiFactory apiFactory, IOptions<SampleOptions> options)
{
    public async Task<EmbedToken> MintAsync(string modelId, CancellationToken cancellationToken)
    {
        var lifetime = (int)options.Value.EmbedTokenLifetime.TotalSeconds;
        var link = await apiFactory.ForApplication().CreatePrivateModelEmbedLinkAsync(modelId, $"{lifetime}s", cancellationToken);
        // The lifetime asked for, not validUntil minus this machine's clock: the sandbox clock may be moved.
        return new EmbedToken(link.AccessToken, lifetime, link.Link);
    }
}
