using Microsoft.Extensions.Options;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth;
using Spacegate.Server.Seeding;

namespace Spacegate.Server.Cli;

public static class MaintenanceCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("migrate", "Create the database or apply pending migrations.", "migrate", MigrateAsync),
        new("seed", "Create the demo users, accounts and apps (safe to run twice; sandbox only).", "seed", SeedAsync),
        new("tokens prune", "Delete expired or revoked tokens, grants and rotation records older than a threshold.", "tokens prune [--older-than 14d] [--json]", PruneAsync),
    ];

    private static async Task<int> MigrateAsync(CliContext context, CliArgs args)
    {
        await context.Services.MigrateAsync(context.CancellationToken);
        context.Print(new { migrated = true }, "The database is up to date.");
        return 0;
    }

    private static async Task<int> SeedAsync(CliContext context, CliArgs args)
    {
        if (!context.Get<IOptions<SpacegateOptions>>().Value.IsSandbox)
        {
            throw new CliException("Demo data is only created in the sandbox configuration (Spacegate:Mode=Sandbox).");
        }
        await context.Get<DemoSeeder>().SeedAsync(context.CancellationToken);
        context.Print(new { seeded = true }, DemoBanner.Text());
        return 0;
    }

    private static async Task<int> PruneAsync(CliContext context, CliArgs args)
    {
        var olderThan = Durations.DurationParser.Parse(args.Get("older-than") ?? "14d", TimeSpan.FromDays(3650));
        if (!olderThan.Success)
        {
            throw new CliException($"--older-than: {olderThan.Error}");
        }
        var threshold = context.Get<TimeProvider>().GetUtcNow() - olderThan.Value!.Value;
        var result = await context.Get<TokenPruner>().PruneAsync(threshold, context.CancellationToken);
        context.Print(new { prunedTokens = result.Tokens, prunedGrants = result.Grants, prunedRotations = result.Rotations },
            $"Pruned {result.Tokens} tokens, {result.Grants} grants and {result.Rotations} refresh-token rotation records that expired or were revoked before {threshold:u}.");
        return 0;
    }
}
