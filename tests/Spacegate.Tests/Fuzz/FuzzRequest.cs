namespace Spacegate.Tests.Fuzz;

/// <summary>One generated request and a short description of it for failure reports (no body dump).</summary>
public sealed record FuzzRequest(HttpRequestMessage Message, string Description);
