namespace Spacegate.Client.ModelApi;

/// <summary>A link to show one private model in the viewer, and its read-only token.</summary>
/// <param name="AccessToken">The embed token (public by design: it is in the link).</param>
/// <param name="Application">Always <c>showcase</c>.</param>
/// <param name="Link"><c>{server}/show?m=MODEL&amp;auth=Bearer+TOKEN</c>, for an iframe.</param>
/// <param name="ValidUntil">When the token expires.</param>
public sealed record PrivateModelEmbedLink(string AccessToken, string Application, string Link, DateTimeOffset ValidUntil);
