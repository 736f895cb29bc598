using System.CommandLine;
using Microsoft.Extensions.Options;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth;
using Spacegate.Server.Seeding;

namespace Spacegate.Server.Cli;

/// <summary>`migrate`, `seed` and `tokens prune`: the database itself.</summary>
public static class MaintenanceCommands
{
    public static Command Migrate(CliHost host) =>
        new Command("migrate", "Create the database or apply pending migrations.").Runs(host, async (context, _) =>
        {
            await context.Services.MigrateAsync(context.CancellationToken);
            context.Print(new { migrated = true }, "The database is up to date.");
            return CliExitCodes.Ok;
        }, migrate: false);

    public static Command Seed(CliHost host) =>
        new Command("seed", "Create the demo users, accounts and apps (safe to run twice; sandbox only).").Runs(host, async (context, _) =>
        {
            if (!context.Get<IOptions<SpacegateOptions>>().Value.IsSandbox)
            {
                throw new CliException("Demo data is only created in the sandbox configuration (Spacegate:Mode=Sandbox).");
            }
            await context.Get<DemoSeeder>().SeedAsync(context.CancellationToken);
            context.Print(new { seeded = true }, DemoBanner.Text());
            return CliExitCodes.Ok;
        });

    public static Command Tokens(CliHost host)
    {
        var olderThan = CliOptions.Duration("--older-than", "Delete what expired or was revoked longer ago than this (default 14d).", TimeSpan.FromDays(3650));
        var prune = new Command("prune", "Delete expired or revoked tokens, grants and rotation records older than a threshold.")
            .With(olderThan)
            .Runs(host, async (context, parse) =>
            {
                var threshold = context.Get<TimeProvider>().GetUtcNow() - (parse.GetValue(olderThan) ?? TimeSpan.FromDays(14));
                var result = await context.Get<TokenPruner>().PruneAsync(threshold, context.CancellationToken);
                context.Print(new { prunedTokens = result.Tokens, prunedGrants = result.Grants, prunedRotations = result.Rotations },
                    $"Pruned {result.Tokens} tokens, {result.Grants} grants and {result.Rotations} refresh-token rotation records that expired or were revoked before {threshold:u}.");
                return CliExitCodes.Ok;
            });
        return new Command("tokens", "Stored tokens.").With(prune);
    }
}
