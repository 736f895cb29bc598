namespace Spacegate.Server.OAuth.Keys;

/// <summary>The stored generations of the token keys, and what each one does at a given time.</summary>
public sealed class TokenKeySet(IReadOnlyList<TokenKeyGeneration> generations)
{
    public IReadOnlyList<TokenKeyGeneration> Generations { get; } =
        [.. generations.OrderBy(g => g.Purpose, StringComparer.Ordinal).ThenBy(g => g.Number)];

    public IEnumerable<TokenKeyGeneration> Of(string purpose) => Generations.Where(g => g.Purpose == purpose);

    /// <summary>The newest generation whose activation time has come (the oldest one if none has).</summary>
    public TokenKeyGeneration? Active(string purpose, DateTimeOffset now) =>
        Of(purpose).LastOrDefault(g => g.ActivatesAt <= now) ?? Of(purpose).FirstOrDefault();

    /// <summary>When the next generation took over from <paramref name="generation"/>; null while it has not.</summary>
    public DateTimeOffset? RetiredAt(TokenKeyGeneration generation, DateTimeOffset now)
    {
        var active = Active(generation.Purpose, now);
        if (active is null || generation.Number >= active.Number)
        {
            return null;
        }
        return Of(generation.Purpose).First(g => g.Number > generation.Number).ActivatesAt;
    }

    public TokenKeyState StateOf(TokenKeyGeneration generation, DateTimeOffset now, TimeSpan retention)
    {
        var active = Active(generation.Purpose, now)!;
        if (generation.Number == active.Number)
        {
            return TokenKeyState.Active;
        }
        if (generation.Number > active.Number)
        {
            return TokenKeyState.Pending;
        }
        return RetiredAt(generation, now) + retention <= now ? TokenKeyState.Expired : TokenKeyState.Retired;
    }

    /// <summary>
    /// The order OpenIddict gets the keys in: it signs and encrypts with the first one and validates with any,
    /// so the active generation comes first, then pending ones, then retired ones newest first.
    /// </summary>
    public IReadOnlyList<TokenKeyGeneration> ForCredentials(string purpose, DateTimeOffset now)
    {
        var active = Active(purpose, now);
        if (active is null)
        {
            return [];
        }
        return
        [
            active,
            .. Of(purpose).Where(g => g.Number > active.Number),
            .. Of(purpose).Where(g => g.Number < active.Number).OrderByDescending(g => g.Number),
        ];
    }

    /// <summary>Differs exactly when the credentials OpenIddict should use differ.</summary>
    public string Fingerprint(DateTimeOffset now) =>
        string.Join('|', TokenKeyGeneration.Purposes.Select(p => string.Join(',', ForCredentials(p, now).Select(g => g.Name))));
}
