using System.CommandLine;
using Microsoft.Extensions.Options;
using Spacegate.Server.OAuth.Keys;

namespace Spacegate.Server.Cli;

/// <summary>The token signing and encryption keys, through <see cref="TokenKeyRing"/>: list their generations, rotate, delete retired ones.</summary>
public static class KeyCommands
{
    public static Command Create(CliHost host) =>
        new Command("keys", "Token signing and encryption keys.").With(
            new Command("list", "List the token key generations (active, pending, retired) without the key material.").Runs(host, (c, _) => ListAsync(c)),
            Rotate(host),
            new Command("prune", "Delete the keys retired for longer than Keys:Retention (their tokens stop working).").Runs(host, (c, _) => PruneAsync(c)));

    private static Command Rotate(CliHost host)
    {
        var purpose = CliOptions.Choice("--purpose", "Which key to rotate.", "all", TokenKeyGeneration.Signing, TokenKeyGeneration.Encryption, "all");
        var activateIn = CliOptions.Duration("--activate-in", "When nodes switch to the new key, e.g. 2m (default Keys:ActivationDelay; longer than Keys:ReloadInterval).",
            TimeSpan.FromDays(30));
        return new Command("rotate", "Store a new signing and/or encryption key; every node switches to it at its activation time.")
            .With(purpose, activateIn)
            .Runs(host, (context, parse) => RotateAsync(context, parse.GetValue(purpose)!.ToLowerInvariant(), parse.GetValue(activateIn)));
    }

    private static Task<int> ListAsync(CliContext context)
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

    private static Task<int> RotateAsync(CliContext context, string purpose, TimeSpan? activateIn)
    {
        string[] purposes = purpose == "all" ? [.. TokenKeyGeneration.Purposes] : [purpose];
        var options = context.Get<IOptions<TokenKeyOptions>>().Value;
        var delay = activateIn ?? options.ActivationDelay;
        if (!options.IsSafeActivationDelay(delay))
        {
            throw new CliException($"--activate-in must be longer than Keys:ReloadInterval ({options.ReloadInterval}), so every node knows the new key before any node uses it.");
        }
        var ring = context.Get<TokenKeyRing>();
        var results = purposes.Select(p => ring.Rotate(p, delay)).ToList();
        ring.Prune();
        var rows = results.Select(r => new { purpose = r.Next.Purpose, generation = r.Next.Number, keyId = r.Next.KeyId, activatesAt = r.Next.ActivatesAt, added = r.Added }).ToList();
        context.Print(new { keys = rows }, string.Join('\n', rows.Select(r => r.added
            ? $"Stored {r.purpose} key #{r.generation}: every node signs or encrypts new tokens with it from {r.activatesAt:u}; older keys keep validating their tokens until Keys:Retention ends."
            : $"A {r.purpose} key (#{r.generation}) is already pending, active from {r.activatesAt:u}; nothing stored.")));
        return Task.FromResult(0);
    }

    private static Task<int> PruneAsync(CliContext context)
    {
        var deleted = context.Get<TokenKeyRing>().Prune();
        context.Print(new { deleted = deleted.Select(g => new { purpose = g.Purpose, generation = g.Number }) },
            deleted.Count == 0 ? "No key is past its retention." : string.Join('\n', deleted.Select(g => $"Deleted {g.Purpose} key #{g.Number}.")));
        return Task.FromResult(0);
    }
}
