using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>docs/model-api.graphql is the printed schema; this test keeps the two from drifting apart.</summary>
public sealed class SchemaDocumentTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    [Fact]
    public void The_documented_SDL_matches_the_served_schema()
    {
        var schema = fixture.Server.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var printed = "# The Spacegate Model API schema, printed from the server (see tests/Spacegate.Tests/ModelApi/SchemaDocumentTests.cs).\n"
            + "# Regenerate with: UPDATE_SCHEMA_DOC=1 dotnet test tests/Spacegate.Tests --filter SchemaDocumentTests\n\n"
            + schema.Print(new GraphQL.Utilities.PrintOptions { IncludeDescriptions = true }).Replace("\r\n", "\n").TrimEnd() + "\n";
        var path = Path.Combine(RepositoryRoot(), "docs", "model-api.graphql");
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA_DOC") == "1")
        {
            File.WriteAllText(path, printed);
        }
        Assert.True(File.Exists(path), $"{path} is missing; run with UPDATE_SCHEMA_DOC=1 to create it.");
        Assert.Equal(printed, File.ReadAllText(path).Replace("\r\n", "\n"));
        foreach (var name in new[] { "model(id: ID!): Model", "nextOffset: String", "totalResults: Int!", "createPrivateModelEmbedLink(",
                     "deletePrivateModelEmbedToken(", "unlockModelBundle(", "updateModelAccessVisibility(", "patchModel(" })
        {
            Assert.Contains(name, printed);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Spacegate.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Spacegate.slnx not found above " + AppContext.BaseDirectory);
    }
}
