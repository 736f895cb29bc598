using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Bundles;
using Spacegate.Server.Models.Scenes;
using Spacegate.Server.Seeding;

namespace Spacegate.Server.Cli;

public static class ModelCommands
{
    public const int MaxRooms = 12;
    public const int MaxBulkCount = 1_000_000;
    private const int BulkBatchSize = 10_000;

    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("models list", "List models (id, account, state, visibility, name).", "models list [--account ACCOUNT_ID] [--limit N] [--json]", ListAsync),
        new("models create", "Create a model with a generated floor plan, 3D scene, colormap and preview; its bundles start locked.",
            "models create --account ACCOUNT_ID --name NAME [--description TEXT] [--internal-id ID] " +
            "[--visibility private|unlisted|public|password] [--password PASSWORD] [--rooms 1-12] [--json]", CreateAsync),
        new("models bulk-create", "Insert many synthetic models without files, for search benchmarks.",
            $"models bulk-create --account ACCOUNT_ID --count N (1 to {MaxBulkCount:N0}) [--json]", BulkCreateAsync),
    ];

    private static async Task<int> ListAsync(CliContext context, CliArgs args)
    {
        var account = args.Get("account");
        var limit = args.Get("limit") is { } text ? ParseInt(text, "limit", 1, int.MaxValue) : int.MaxValue;
        var db = context.Get<SpacegateDbContext>();
        if (account is not null)
        {
            await RequireAccountAsync(db, account, context.CancellationToken);
        }
        var rows = await db.Models.AsNoTracking()
            .Where(m => account == null || m.AccountId == account)
            .OrderBy(m => m.AccountId).ThenBy(m => m.Name).ThenBy(m => m.Id)
            .Take(limit)
            .Select(m => new { m.Id, m.AccountId, m.Name, m.InternalId, m.State, m.AccessVisibility, m.Created, m.Modified })
            .ToListAsync(context.CancellationToken);
        var view = rows.Select(m => new
        {
            m.Id, m.AccountId, m.Name, m.InternalId,
            state = Lower(m.State), accessVisibility = Lower(m.AccessVisibility), m.Created, m.Modified,
        }).ToList();
        context.Print(view, view.Count == 0 ? "No models." : string.Join(Environment.NewLine, view.Select(m =>
            $"{m.Id}  {m.AccountId,-12} {m.state,-8} {m.accessVisibility,-8} {m.Name}")));
        return 0;
    }

    private static async Task<int> CreateAsync(CliContext context, CliArgs args)
    {
        var db = context.Get<SpacegateDbContext>();
        var accountId = args.Require("account");
        var name = args.Require("name").Trim();
        var description = args.Get("description") ?? "";
        var internalId = args.Get("internal-id");
        var visibility = ParseVisibility(args.Get("visibility") ?? "private");
        var password = args.Get("password");
        var rooms = args.Get("rooms") is { } roomsText ? ParseInt(roomsText, "rooms", 1, MaxRooms) : 5;
        if (name.Length is 0 or > 200)
        {
            throw new CliException("--name must be 1 to 200 characters.");
        }
        if (description.Length > 4000)
        {
            throw new CliException("--description must be at most 4000 characters.");
        }
        if (visibility == ModelAccessVisibility.Password && string.IsNullOrEmpty(password))
        {
            throw new CliException("--visibility password needs --password, the password viewers will type.");
        }
        if (visibility != ModelAccessVisibility.Password && password is not null)
        {
            throw new CliException("--password only applies with --visibility password.");
        }
        await RequireAccountAsync(db, accountId, context.CancellationToken);
        if (internalId is not null && await db.Models.AnyAsync(m => m.AccountId == accountId && m.InternalId == internalId, context.CancellationToken))
        {
            throw new CliException($"Account '{accountId}' already has a model with internal id '{internalId}'.");
        }

        var plan = FloorPlanGenerator.Generate(rooms, RandomNumberGenerator.GetInt32(int.MaxValue));
        var now = context.Get<TimeProvider>().GetUtcNow();
        var model = new Model
        {
            AccountId = accountId, Name = name, Description = description, InternalId = internalId,
            Created = now, Modified = now, AccessVisibility = visibility,
            FloorPlanJson = plan.ToJson(), Files = ModelFileFactory.Create(plan, name),
            Bundles = [.. BundleCatalog.All.Select(b => new ModelBundle
            {
                BundleId = b.Id, Availability = BundleAvailability.Locked, PriceCents = b.DefaultPriceCents, Currency = b.Currency,
            })],
        };
        if (password is not null)
        {
            model.PasswordHash = new PasswordHasher<Model>().HashPassword(model, password);
        }
        db.Models.Add(model);
        await db.SaveChangesAsync(context.CancellationToken);

        context.Print(new
        {
            model.Id, model.AccountId, model.Name, model.Description, model.InternalId,
            state = Lower(model.State), accessVisibility = Lower(model.AccessVisibility),
            rooms = plan.Rooms.Select(r => r.Name).ToList(),
            files = model.Files.Select(f => new { f.FileName, f.ContentType, bytes = f.Content.Length, f.Width, f.Height, f.IsPreview }).ToList(),
            bundles = model.Bundles.Select(b => new { b.BundleId, availability = Lower(b.Availability), b.PriceCents, b.Currency }).ToList(),
        }, $"Created model {model.Id} '{model.Name}' in {accountId} ({Lower(visibility)}, {rooms} rooms: {string.Join(", ", plan.Rooms.Select(r => r.Name))}).");
        return 0;
    }

    /// <summary>Inserts in batches of one transaction each, printing progress; an interrupted run keeps the batches it committed.</summary>
    private static async Task<int> BulkCreateAsync(CliContext context, CliArgs args)
    {
        var db = context.Get<SpacegateDbContext>();
        var accountId = args.Require("account");
        var count = ParseInt(args.Require("count"), "count", 1, MaxBulkCount);
        await RequireAccountAsync(db, accountId, context.CancellationToken);

        var tag = ModelIds.NewFileId()[..6];
        var factory = new SyntheticModels(accountId, context.Get<TimeProvider>().GetUtcNow(), RandomNumberGenerator.GetInt32(int.MaxValue), tag);
        var inserter = new ModelBulkInserter(db);
        var watch = Stopwatch.StartNew();
        var inserted = 0;
        while (inserted < count)
        {
            var batch = Enumerable.Range(inserted, Math.Min(BulkBatchSize, count - inserted)).Select(factory.Create).ToList();
            await inserter.InsertAsync(batch, context.CancellationToken);
            inserted += batch.Count;
            if (!context.Json && (inserted % 20_000 == 0 || inserted == count))
            {
                context.Output.WriteLine($"  {inserted:N0} of {count:N0} models inserted ({inserted / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0}/s)");
            }
        }
        context.Print(new { accountId, inserted, internalIdPrefix = $"BULK-{tag}-", seconds = Math.Round(watch.Elapsed.TotalSeconds, 2) },
            $"Inserted {inserted:N0} models into {accountId} in {watch.Elapsed.TotalSeconds:N1} s (internal ids BULK-{tag}-0000000 onwards).");
        return 0;
    }

    private static async Task RequireAccountAsync(SpacegateDbContext db, string accountId, CancellationToken cancellationToken)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            throw new CliException($"No account has the id '{accountId}'.");
        }
    }

    private static ModelAccessVisibility ParseVisibility(string text) => text.ToLowerInvariant() switch
    {
        "private" => ModelAccessVisibility.Private,
        "unlisted" => ModelAccessVisibility.Unlisted,
        "public" => ModelAccessVisibility.Public,
        "password" => ModelAccessVisibility.Password,
        _ => throw new CliException($"Unknown visibility '{text}': use private, unlisted, public or password."),
    };

    private static int ParseInt(string text, string option, int min, int max) =>
        int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new CliException(max == int.MaxValue
                ? $"--{option} takes a whole number of at least {min}, not '{text}'."
                : $"--{option} takes a whole number from {min} to {max:N0}, not '{text}'.");

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
