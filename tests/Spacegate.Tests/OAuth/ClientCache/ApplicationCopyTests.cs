using System.Reflection;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth.ClientCache;
using Xunit;

namespace Spacegate.Tests.OAuth.ClientCache;

/// <summary>A cached application is a full copy of its stored columns and shares nothing with the original.</summary>
public sealed class ApplicationCopyTests
{
    private static readonly string[] Navigations = [nameof(OAuthApplication.Account), nameof(OAuthApplication.Authorizations), nameof(OAuthApplication.Tokens)];

    [Fact]
    public void ApplicationCopy_EverySettableColumn_Copied()
    {
        var original = new OAuthApplication();
        var columns = typeof(OAuthApplication).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !Navigations.Contains(p.Name)).ToList();
        Assert.True(columns.Count >= 20, "the column list is the whole entity");
        foreach (var column in columns)
        {
            column.SetValue(original, Distinct(column.PropertyType, column.Name));
        }

        var copy = ApplicationCopy.Of(original);

        Assert.All(columns, column => Assert.True(Equals(column.GetValue(original), column.GetValue(copy)),
            $"{column.Name} is not copied: a new column must be added to ApplicationCopy.Of"));
    }

    [Fact]
    public void ApplicationCopy_Navigations_FreshAndEmpty()
    {
        var original = new OAuthApplication { Id = "a", ClientId = "c", Account = new() { Id = "x" } };
        original.Tokens.Add(new OAuthToken { Id = "t" });

        var copy = ApplicationCopy.Of(original);

        Assert.Null(copy.Account);
        Assert.Empty(copy.Tokens);
        Assert.NotSame(original.Tokens, copy.Tokens);
        Assert.NotSame(original.Authorizations, copy.Authorizations);
    }

    private static object? Distinct(Type type, string name) => type switch
    {
        _ when type == typeof(string) => "value-of-" + name,
        _ when type == typeof(int) => name.Length + 7,
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero),
        _ when type.IsEnum => Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1),
        _ => throw new InvalidOperationException($"Give {name} ({type}) a test value."),
    };
}
