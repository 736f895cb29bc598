using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.ModelApi;
using Spacegate.Server.Models;
using Spacegate.Server.Seeding;

namespace Spacegate.Server.Cli;

/// <summary>`models list|create|bulk-create`; a created model's details follow the Model API's rules (<see cref="ModelCreator"/>).</summary>
public static class ModelCommands
{
    public const int MaxBulkCount = 1_000_000;
    private const int BulkBatchSize = 10_000;

    public static Command Create(CliHost host) =>
        new Command("models", "3D spaces: list, create with generated files, bulk-create for benchmarks.").With(List(host), CreateModel(host), BulkCreate(host));

    private static Command List(CliHost host)
    {
        var account = CliOptions.Text("--account", "ACCOUNT_ID", "Only this account's models.");
        var limit = CliOptions.OptionalNumber("--limit", "N", "At most this many models.", 1, int.MaxValue);
        return new Command("list", "List models (id, account, state, visibility, name).").With(account, limit).Runs(host, async (context, parse) =>
        {
            var accountId = parse.GetValue(account);
            var db = context.Get<SpacegateDbContext>();
            if (accountId is not null)
            {
                await RequireAccountAsync(db, accountId, context.CancellationToken);
            }
            var rows = await db.Models.AsNoTracking()
                .Where(m => accountId == null || m.AccountId == accountId)
                .OrderBy(m => m.AccountId).ThenBy(m => m.Name).ThenBy(m => m.Id)
                .Take(parse.GetValue(limit) ?? int.MaxValue)
                .Select(m => new { m.Id, m.AccountId, m.Name, m.InternalId, m.State, m.AccessVisibility, m.Created, m.Modified })
                .ToListAsync(context.CancellationToken);
            var view = rows.Select(m => new
            {
                m.Id, m.AccountId, m.Name, m.InternalId,
                state = Lower(m.State), accessVisibility = Lower(m.AccessVisibility), m.Created, m.Modified,
            }).ToList();
            context.Print(view, view.Count == 0 ? "No models." : string.Join(Environment.NewLine, view.Select(m =>
                $"{m.Id}  {m.AccountId,-12} {m.state,-8} {m.accessVisibility,-8} {m.Name}")));
            return CliExitCodes.Ok;
        });
    }

    private static Command CreateModel(CliHost host)
    {
        var account = CliOptions.Text("--account", "ACCOUNT_ID", "The account that owns the model.", required: true);
        var name = CliOptions.Text("--name", "NAME", "The model's name (1 to 200 characters).", required: true);
        var description = CliOptions.Text("--description", "TEXT", "Its description (at most 4000 characters).");
        var internalId = CliOptions.Text("--internal-id", "ID", "The owner's own reference, unique in the account.");
        var visibility = CliOptions.Choice("--visibility", "Who may view it.", "private", "private", "unlisted", "public", "password");
        var password = CliOptions.Text("--password", "PASSWORD", "The viewing password (4 to 128 characters), with --visibility password only.");
        var rooms = CliOptions.Number("--rooms", "N", $"Rooms in the generated floor plan, 1 to {ModelCreator.MaxRooms}.", 1, ModelCreator.MaxRooms, 5);
        var address = new ModelAddressOptions();
        return new Command("create", "Create a model with a generated floor plan, 3D scene, colormap and preview; its bundles start locked.")
            .With([account, name, description, internalId, visibility, password, rooms, .. address.All])
            .Runs(host, async (context, parse) =>
            {
                var details = new NewModel(parse.GetRequiredValue(account), parse.GetRequiredValue(name), parse.GetValue(description) ?? "",
                    parse.GetValue(internalId), Enum.Parse<ModelAccessVisibility>(parse.GetValue(visibility)!, ignoreCase: true),
                    parse.GetValue(password), address.Read(parse), parse.GetValue(rooms));
                var (model, plan) = await context.Get<ModelCreator>().CreateAsync(details, context.CancellationToken);
                context.Print(new
                {
                    model.Id, model.AccountId, model.Name, model.Description, model.InternalId,
                    state = Lower(model.State), accessVisibility = Lower(model.AccessVisibility),
                    address = new
                    {
                        streetAddressLines = model.Address.Lines, model.Address.Locality, model.Address.AdministrativeArea,
                        model.Address.PostalCode, model.Address.CountryCode,
                    },
                    rooms = plan.Rooms.Select(r => r.Name).ToList(),
                    files = model.Files.Select(f => new { f.FileName, f.ContentType, bytes = f.Content.Length, f.Width, f.Height, f.IsPreview }).ToList(),
                    bundles = model.Bundles.Select(b => new { b.BundleId, availability = Lower(b.Availability), b.PriceCents, b.Currency }).ToList(),
                }, $"Created model {model.Id} '{model.Name}' in {model.AccountId} ({Lower(model.AccessVisibility)}, {plan.Rooms.Count} rooms: " +
                   $"{string.Join(", ", plan.Rooms.Select(r => r.Name))}).");
                return CliExitCodes.Ok;
            });
    }

    /// <summary>Inserts in batches of one transaction each, printing progress; an interrupted run keeps the batches it committed.</summary>
    private static Command BulkCreate(CliHost host)
    {
        var account = CliOptions.Text("--account", "ACCOUNT_ID", "The account that gets the models.", required: true);
        var count = CliOptions.OptionalNumber("--count", "N", $"How many models, 1 to {MaxBulkCount:N0}.", 1, MaxBulkCount);
        count.Required = true;
        return new Command("bulk-create", "Insert many synthetic models without files, for search benchmarks.").With(account, count).Runs(host, async (context, parse) =>
        {
            var db = context.Get<SpacegateDbContext>();
            var accountId = parse.GetRequiredValue(account);
            var total = parse.GetValue(count) ?? 0;
            await RequireAccountAsync(db, accountId, context.CancellationToken);

            var tag = ModelIds.NewFileId()[..6];
            var factory = new SyntheticModels(accountId, context.Get<TimeProvider>().GetUtcNow(), RandomNumberGenerator.GetInt32(int.MaxValue), tag);
            var inserter = new ModelBulkInserter(db);
            var watch = Stopwatch.StartNew();
            var inserted = 0;
            while (inserted < total)
            {
                var batch = Enumerable.Range(inserted, Math.Min(BulkBatchSize, total - inserted)).Select(factory.Create).ToList();
                await inserter.InsertAsync(batch, context.CancellationToken);
                inserted += batch.Count;
                if (!context.Json && (inserted % 20_000 == 0 || inserted == total))
                {
                    context.Output.WriteLine($"  {inserted:N0} of {total:N0} models inserted ({inserted / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0}/s)");
                }
            }
            context.Print(new { accountId, inserted, internalIdPrefix = $"BULK-{tag}-", seconds = Math.Round(watch.Elapsed.TotalSeconds, 2) },
                $"Inserted {inserted:N0} models into {accountId} in {watch.Elapsed.TotalSeconds:N1} s (internal ids BULK-{tag}-0000000 onwards).");
            return CliExitCodes.Ok;
        });
    }

    private static async Task RequireAccountAsync(SpacegateDbContext db, string accountId, CancellationToken cancellationToken)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            throw new CliException($"No account has the id '{accountId}'.");
        }
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
