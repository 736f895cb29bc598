using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Cli;
using Spacegate.Server.Data;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Scenes;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Scenes;

public sealed class ModelCommandsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, builder =>
        {
            _server.Database.Apply(builder.Configuration);
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        });
        return (code, output.ToString(), error.ToString());
    }

    private async Task<T> QueryAsync<T>(Func<SpacegateDbContext, Task<T>> query)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SpacegateDbContext>());
    }

    [Fact]
    public async Task List_Account_ShowsOnlyThatAccountsModels()
    {
        var (code, output, error) = await RunAsync("models", "list", "--account", DemoData.GlobexAccountId, "--json");
        Assert.True(code == 0, error);
        var ids = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToHashSet();
        var globex = DemoModels.All.Where(m => m.AccountId == DemoData.GlobexAccountId).Select(m => m.Id).ToList();
        Assert.Equal(5, globex.Count);
        Assert.All(globex, id => Assert.Contains(id, ids));
        Assert.DoesNotContain(DemoModels.MapleStreet.Id, ids);

        var text = await RunAsync("models", "list");
        Assert.Equal(0, text.Code);
        Assert.Matches($"(?m)^{DemoModels.SunsetStudio.Id} +acme +active +password +Sunset Studio Apartment$", text.Output.Replace("\r", ""));
        Assert.Contains(DemoModels.OldMillWarehouse.Id, text.Output);
    }

    [Fact]
    public async Task List_Limit_CapsTheRows()
    {
        var (code, output, _) = await RunAsync("models", "list", "--limit", "2", "--json");
        Assert.Equal(0, code);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetArrayLength());
        Assert.Equal(CliExitCodes.UsageError, (await RunAsync("models", "list", "--limit", "0")).Code);
    }

    [Fact]
    public async Task Create_Json_StoresTheFloorPlanSceneImagesAndLockedBundles()
    {
        var (code, output, error) = await RunAsync("models", "create", "--account", "acme", "--name", "12 Test Street", "--description", "Made by the CLI test.",
            "--internal-id", "CLI-0001", "--visibility", "Public", "--rooms", "6", "--json");
        Assert.True(code == 0, error);
        var created = JsonDocument.Parse(output).RootElement;
        var id = created.GetProperty("id").GetString()!;
        Assert.True(ModelIds.IsWellFormedModelId(id));
        Assert.Equal("public", created.GetProperty("accessVisibility").GetString());
        Assert.Equal(6, created.GetProperty("rooms").GetArrayLength());
        Assert.Equal(["locked", "locked", "locked"], created.GetProperty("bundles").EnumerateArray().Select(b => b.GetProperty("availability").GetString()));

        var model = await QueryAsync(db => db.Models.Include(m => m.Files).Include(m => m.Bundles).AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal(("acme", "12 Test Street", "Made by the CLI test.", "CLI-0001", ModelAccessVisibility.Public, ModelState.Active),
            (model.AccountId, model.Name, model.Description, model.InternalId, model.AccessVisibility, model.State));
        var plan = FloorPlan.Parse(model.FloorPlanJson);
        Assert.Empty(plan.Validate());
        Assert.Equal(6, plan.Rooms.Count);
        var scene = GlbFile.Parse(model.Files.Single(f => f.Kind == ModelFileKind.Scene).Content);
        Assert.Equal(6, scene.Section("nodes").GetArrayLength());
        PngFile.Parse(model.Files.Single(f => f.IsPreview).Content);
        Assert.Contains(model.Files, f => f.FileName == "colormap-floor-1.png");
        Assert.All(model.Bundles, b => Assert.Equal(BundleAvailability.Locked, b.Availability));
        Assert.Null(model.PasswordHash);
    }

    [Fact]
    public async Task Create_AddressFields_StoredAndServedByTheModelApi()
    {
        var (code, output, error) = await RunAsync("models", "create", "--account", "globex", "--name", "Harbour loft",
            "--street-address-line", " 7 Quay Road ", "--street", "Unit 4", "--locality", "Portsmouth", "--administrative-area", "Hampshire",
            "--postal-code", "PO1 3AX", "--country-code", "gb", "--json");
        Assert.True(code == 0, error);
        var created = JsonDocument.Parse(output).RootElement;
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("GB", created.GetProperty("address").GetProperty("countryCode").GetString());

        // The Model API serves what was stored, trimmed and upper-cased by the same rules as its own edits.
        var token = await OAuthClient.ClientCredentialsAsync(_server.CreateClient(cookies: false));
        var response = await GraphClient.PostAsync(_server.CreateClient(cookies: false), token.AccessToken,
            "query($id: ID!) { model(id: $id) { address { streetAddressLines locality administrativeArea postalCode countryCode } } }", new { id });
        Assert.False(response.HasErrors, response.ToString());
        var address = response.Data.GetProperty("model").GetProperty("address");
        Assert.Equal(["7 Quay Road", "Unit 4"], address.GetProperty("streetAddressLines").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(("Portsmouth", "Hampshire", "PO1 3AX", "GB"), (address.GetProperty("locality").GetString(),
            address.GetProperty("administrativeArea").GetString(), address.GetProperty("postalCode").GetString(), address.GetProperty("countryCode").GetString()));
        var stored = await QueryAsync(db => db.Models.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal("7 Quay Road\nUnit 4", stored.Address.StreetAddressLines);
    }

    [Fact]
    public async Task Create_Password_StoresOnlyAHashThatVerifies()
    {
        var (code, output, error) = await RunAsync("models", "create", "--account", "globex", "--name", "Locked flat", "--visibility", "password",
            "--password", "let-me-in-2026", "--json");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("let-me-in-2026", output);
        var id = JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;
        var model = await QueryAsync(db => db.Models.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<Model>().VerifyHashedPassword(model, model.PasswordHash!, "let-me-in-2026"));
    }

    // The Model API's rules (ModelRules) refuse these when the verb runs: exit code 1.
    [Theory]
    [InlineData("Account 'nowhere' was not found.", "--account", "nowhere", "--name", "X")]
    [InlineData("visibility password needs a password of 4 to 128 characters.", "--account", "acme", "--name", "X", "--visibility", "password")]
    [InlineData("visibility password needs a password of 4 to 128 characters.", "--account", "acme", "--name", "X", "--visibility", "password", "--password", "abc")]
    [InlineData("password is only accepted with visibility password.", "--account", "acme", "--name", "X", "--password", "abcdef")]
    [InlineData("Another model of this account already has internalId 'ACME-1001'.", "--account", "acme", "--name", "X", "--internal-id", "ACME-1001")]
    [InlineData("name must be 1 to 200 characters.", "--account", "acme", "--name", "  ")]
    [InlineData("address.countryCode must be a two-letter ISO 3166-1 code, e.g. US.", "--account", "acme", "--name", "X", "--country-code", "USA")]
    [InlineData("address.streetAddressLines takes at most 5 single-line entries", "--account", "acme", "--name", "X",
        "--street", "1", "--street", "2", "--street", "3", "--street", "4", "--street", "5", "--street", "6")]
    public async Task Create_RefusedByTheRules_FailsWithAClearMessageAndCreatesNothing(string message, params string[] options)
    {
        var before = await QueryAsync(db => db.Models.CountAsync());
        var (code, _, error) = await RunAsync(["models", "create", .. options]);
        Assert.Equal(CliExitCodes.Failure, code);
        Assert.Contains(message, error);
        Assert.Equal(before, await QueryAsync(db => db.Models.CountAsync()));
    }

    // The parser refuses these before anything runs: exit code 2.
    [Theory]
    [InlineData("Argument 'secret' not recognized. Must be one of:", "--account", "acme", "--name", "X", "--visibility", "secret")]
    [InlineData("--rooms takes a whole number from 1 to 12, not '13'.", "--account", "acme", "--name", "X", "--rooms", "13")]
    [InlineData("--rooms takes a whole number from 1 to 12, not 'many'.", "--account", "acme", "--name", "X", "--rooms", "many")]
    [InlineData("Option '--name' is required.", "--account", "acme")]
    public async Task Create_BadCommandLine_UsageErrorAndCreatesNothing(string message, params string[] options)
    {
        var before = await QueryAsync(db => db.Models.CountAsync());
        var (code, _, error) = await RunAsync(["models", "create", .. options]);
        Assert.Equal(CliExitCodes.UsageError, code);
        Assert.Contains(message, error);
        Assert.Equal(before, await QueryAsync(db => db.Models.CountAsync()));
    }

    [Fact]
    public async Task BulkCreate_SmallCount_InsertsModelsThatReadBackThroughEf()
    {
        var before = await QueryAsync(db => db.Models.CountAsync(m => m.AccountId == "globex"));
        var (code, output, error) = await RunAsync("models", "bulk-create", "--account", "globex", "--count", "1500", "--json");
        Assert.True(code == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1500, result.GetProperty("inserted").GetInt32());
        var prefix = result.GetProperty("internalIdPrefix").GetString()!;

        var bulk = await QueryAsync(db => db.Models.AsNoTracking().Where(m => m.InternalId!.StartsWith(prefix)).ToListAsync());
        Assert.Equal(1500, bulk.Count);
        Assert.Equal(before + 1500, await QueryAsync(db => db.Models.CountAsync(m => m.AccountId == "globex")));
        Assert.Equal(1500, bulk.Select(m => m.Id).Distinct().Count());
        Assert.All(bulk, m =>
        {
            Assert.True(ModelIds.IsWellFormedModelId(m.Id));
            Assert.True(m.Created <= m.Modified, $"{m.Id}: created {m.Created} after modified {m.Modified}");
            Assert.InRange(m.Created, DateTimeOffset.UtcNow.AddYears(-4), DateTimeOffset.UtcNow.AddMinutes(1));
            Assert.False(string.IsNullOrEmpty(m.Address.Locality));
            Assert.NotEqual(ModelAccessVisibility.Password, m.AccessVisibility);
            Assert.Empty(FloorPlan.Parse(m.FloorPlanJson).Validate());
        });
        Assert.True(bulk.Select(m => m.AccessVisibility).Distinct().Count() == 3, "visibilities are mixed");
        Assert.Contains(bulk, m => m.State == ModelState.Inactive);
        Assert.True(bulk.Select(m => m.Address.Locality).Distinct().Count() > 10, "localities vary");
        Assert.Equal(0, await QueryAsync(db => db.ModelFiles.CountAsync(f => bulk.Select(m => m.Id).Contains(f.ModelId))));

        // Searchable through EF like any other model: the stored enum and date values are EF's own.
        Assert.Equal(bulk.Count(m => m.State == ModelState.Inactive),
            await QueryAsync(db => db.Models.CountAsync(m => m.InternalId!.StartsWith(prefix) && m.State == ModelState.Inactive)));
        var newest = bulk.Max(m => m.Created);
        Assert.Equal(newest, await QueryAsync(db => db.Models.Where(m => m.InternalId!.StartsWith(prefix)).OrderByDescending(m => m.Created).Select(m => m.Created).FirstAsync()));
    }

    [Fact]
    public async Task BulkCreate_Text_PrintsProgress()
    {
        var (code, output, error) = await RunAsync("models", "bulk-create", "--account", "acme", "--count", "20000");
        Assert.True(code == 0, error);
        Assert.Contains("20,000 of 20,000 models inserted", output);
        Assert.Contains("Inserted 20,000 models into acme", output);
    }

    [Theory]
    [InlineData("--count takes a whole number from 1 to 1,000,000, not '0'.", CliExitCodes.UsageError, "--account", "acme", "--count", "0")]
    [InlineData("--count takes a whole number from 1 to 1,000,000, not 'lots'.", CliExitCodes.UsageError, "--account", "acme", "--count", "lots")]
    [InlineData("No account has the id 'nowhere'.", CliExitCodes.Failure, "--account", "nowhere", "--count", "5")]
    [InlineData("Option '--count' is required.", CliExitCodes.UsageError, "--account", "acme")]
    public async Task BulkCreate_BadInput_FailsWithAClearMessage(string message, int exitCode, params string[] options)
    {
        var (code, _, error) = await RunAsync(["models", "bulk-create", .. options]);
        Assert.Equal(exitCode, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Help_EveryModelsVerb_PrintsItsUsage()
    {
        foreach (var verb in new[] { "list", "create", "bulk-create" })
        {
            var (code, output, _) = await RunAsync("models", verb, "--help");
            Assert.Equal(0, code);
            Assert.Contains($"Usage:\n  spacegate models {verb} [options]", output.Replace("\r", ""));
        }
        var group = await RunAsync("models");
        Assert.Equal(CliExitCodes.UsageError, group.Code);
        Assert.Contains("Required command was not provided.", group.Error);
        Assert.Contains("bulk-create", group.Output);
    }
}
