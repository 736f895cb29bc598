using Microsoft.Extensions.Options;
using Spacegate.Client.Http;

namespace Spacegate.Client.ModelApi;

/// <summary>Hands out <see cref="SpacegateModelApi"/> clients on the factory's <see cref="SpacegateHttpClients.ModelApi"/> client.</summary>
public sealed class SpacegateModelApiFactory
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly SpacegateClientOptions _options;

    /// <summary>Creates the factory.</summary>
    public SpacegateModelApiFactory(IHttpClientFactory httpClientFactory, IOptions<SpacegateClientOptions> options)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
    }

    /// <summary>The Model API as the user connected under <paramref name="key"/>.</summary>
    public SpacegateModelApi ForUser(string key) => Create(SpacegateTokenSource.ForUser(key));

    /// <summary>The Model API with the application's client-credentials token (PME-enabled accounts).</summary>
    public SpacegateModelApi ForApplication() => Create(SpacegateTokenSource.Application);

    private SpacegateModelApi Create(SpacegateTokenSource source) =>
        new(_httpClientFactory.CreateClient(SpacegateHttpClients.ModelApi), source, _options);
}
