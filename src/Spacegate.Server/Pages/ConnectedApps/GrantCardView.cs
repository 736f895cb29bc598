using Spacegate.Server.Grants;

namespace Spacegate.Server.Pages.ConnectedApps;

/// <summary>One grant on the list; <see cref="Own"/> grants need no "authorized by".</summary>
public sealed record GrantCardView(GrantView Grant, bool Own);
