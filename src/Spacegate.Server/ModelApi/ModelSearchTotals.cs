using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// <c>totalResults</c> without counting the models, when the search depends on nothing but each model's state and
/// access visibility (<c>*</c>, <c>state:</c>, <c>accessVisibility:</c>, with AND, OR, NOT, and <c>include</c>): then
/// it is a sum of rows of <c>ModelCounts</c>, which triggers on <c>Models</c> keep exact in the writing transaction (the
/// migrations SearchFullTextIndex on SQLite, SearchTotals on PostgreSQL). Any other term needs the real count.
/// One instance per search: it reads the caller's account's rows once.
/// </summary>
public sealed class ModelSearchTotals(SpacegateDbContext db)
{
    private List<ModelCount>? counts;

    /// <summary>The number of models the search finds, or null when it must be counted.</summary>
    public async Task<int?> TryCountAsync(ApiCaller caller, SearchNode query, IReadOnlyList<ModelState>? include,
        CancellationToken cancellationToken)
    {
        var counted = new List<(ModelState State, ModelAccessVisibility Visibility)>();
        foreach (var state in Enum.GetValues<ModelState>())
        {
            foreach (var visibility in Enum.GetValues<ModelAccessVisibility>())
            {
                var visible = ModelAccess.VisibleByState(caller, state, visibility);
                var matches = Matches(query, state, visibility);
                if (visible is null || matches is null)
                {
                    return null;
                }
                if (visible.Value && matches.Value && (include is not { Count: > 0 } || include.Contains(state)))
                {
                    counted.Add((state, visibility));
                }
            }
        }
        var accountId = caller.AccountId;
        // Read once per search: a page may ask for the total of its query and of every visible model.
        var rows = counts ??= await db.Database.SqlQuery<ModelCount>(
                $"SELECT \"State\", \"AccessVisibility\", \"Count\" FROM \"ModelCounts\" WHERE \"AccountId\" = {accountId}")
            .ToListAsync(cancellationToken);
        return checked((int)rows.Where(r => counted.Contains(((ModelState)r.State, (ModelAccessVisibility)r.AccessVisibility))).Sum(r => r.Count));
    }

    /// <summary>Whether a model with this state and visibility matches; null when the query looks at anything else.</summary>
    internal static bool? Matches(SearchNode node, ModelState state, ModelAccessVisibility visibility) => node switch
    {
        MatchAllNode => true,
        EnumTermNode { Field: SearchField.State, Value: ModelState value } => value == state,
        EnumTermNode { Field: SearchField.AccessVisibility, Value: ModelAccessVisibility value } => value == visibility,
        NotNode not => !Matches(not.Operand, state, visibility),
        AndNode and => Matches(and.Left, state, visibility) is { } left && Matches(and.Right, state, visibility) is { } right
            ? left && right : null,
        OrNode or => Matches(or.Left, state, visibility) is { } left && Matches(or.Right, state, visibility) is { } right
            ? left || right : null,
        _ => null,
    };

    /// <summary>A row of <c>ModelCounts</c> for one account.</summary>
    private sealed record ModelCount(int State, int AccessVisibility, long Count);
}
