namespace Spacegate.Server.Administration;

public sealed record AccountFlagsView(string Id, string Name, bool DeveloperTools, bool Enterprise, bool PmeEnabled, int Members, int Apps);
