using Microsoft.Extensions.Options;
using Spacegate.Server.Durations;
using Spacegate.Server.OAuth.Keys;

namespace Spacegate.Server.Cli;

/// <summary>The token signing and encryption keys: list their generations, rotate, delete retired ones.</summary>
public static class KeyCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("keys list", "List the token key generations (active, pending, retired) without the key material.", "keys list [--json]", ListAsync),
        new("keys rotate", "Store a new signing and/or encryption key; every node switches to it at its activation time.",
            "keys rotate [--purpose signing|encryption|all] [--activate-in 1m] [--json]", RotateAsync),
        new("keys prune", "Delete the keys retired for longer than Keys:Retention (their tokens stop working).", "keys prune [--json]", PruneAsync),
    ];

    private static Task<int> ListAsync(CliContext context, CliArgs args)
    {
        var ring = context.Get<TokenKeyRing>();
        ring.Reload();
        var now = context.Get<TimeProvider>().GetUtcNow();
        var retention = context.Get<IOptions<TokenKeyOptions>>().Value.Retention;
        var set = ring.Current;
        var rows = set.Generations.Select(g =>
        {
            var retiredAt = set.RetiredAt(g, now);
            return new
            {
                purpose = g.Purpose,
                generation = g.Number,
                keyId = g.KeyId,
                state = set.StateOf(g, now, retention).ToString().ToLowerInvariant(),
                activatesAt = g.ActivatesAt,
                retiredAt,
                deleteAfter = retiredAt + retention,
            };
        }).ToList();
        var text = string.Join('\n', rows.Select(r =>
            $"{r.purpose,-11} #{r.generation,-3} {r.state,-8} active from {r.activatesAt:u}" +
            (r.retiredAt is { } retired ? $", retired {retired:u}, deleted after {r.deleteAfter:u}" : "")));
        context.Print(new { now, keys = rows }, text);
        return Task.FromResult(0);
    }

    private static Task<int> RotateAsync(CliContext context, CliArgs args)
    {
        var purposes = (args.Get("purpose") ?? "all").ToLowerInvariant() switch
        {
            "all" => TokenKeyGeneration.Purposes,
            TokenKeyGeneration.Signing => [TokenKeyGeneration.Signing],
            TokenKeyGeneration.Encryption => [TokenKeyGeneration.Encryption],
            var other => throw new CliException($"Unknown --purpose '{other}': use signing, encryption or all."),
        };
        var options = context.Get<IOptions<TokenKeyOptions>>().Value;
        var activateIn = options.ActivationDelay;
        if (args.Get("activate-in") is { } text)
        {
            var parsed = DurationParser.Parse(text, TimeSpan.FromDays(30));
            activateIn = parsed.Value ?? throw new CliException($"--activate-in: {parsed.Error}");
        }
        if (activateIn <= options.ReloadInterval)
        {
            throw new CliException($"--activate-in must be longer than Keys:ReloadInterval ({options.ReloadInterval}), so every node knows the new key before any node uses it.");
        }
        var ring = context.Get<TokenKeyRing>();
        var results = purposes.Select(p => ring.Rotate(p, activateIn)).ToList();
        ring.Prune();
        var rows = results.Select(r => new { purpose = r.Next.Purpose, generation = r.Next.Number, keyId = r.Next.KeyId, activatesAt = r.Next.ActivatesAt, added = r.Added }).ToList();
        context.Print(new { keys = rows }, string.Join('\n', rows.Select(r => r.added
            ? $"Stored {r.purpose} key #{r.generation}: every node signs or encrypts new tokens with it from {r.activatesAt:u}; older keys keep validating their tokens until Keys:Retention ends."
            : $"A {r.purpose} key (#{r.generation}) is already pending, active from {r.activatesAt:u}; nothing stored.")));
        return Task.FromResult(0);
    }

    private static Task<int> PruneAsync(CliContext context, CliArgs args)
    {
        var deleted = context.Get<TokenKeyRing>().Prune();
        context.Print(new { deleted = deleted.Select(g => new { purpose = g.Purpose, generation = g.Number }) },
            deleted.Count == 0 ? "No key is past its retention." : string.Join('\n', deleted.Select(g => $"Deleted {g.Purpose} key #{g.Number}.")));
        return Task.FromResult(0);
    }
}
