namespace Spacegate.Client.ModelApi;

/// <summary>One page of a model search.</summary>
/// <param name="Results">The models of this page.</param>
/// <param name="TotalResults">How many models match in all.</param>
/// <param name="NextOffset">Pass as offset for the next page; null on the last page.</param>
public sealed record ModelPage(IReadOnlyList<Model> Results, int TotalResults, string? NextOffset);
