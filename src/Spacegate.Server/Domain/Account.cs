namespace Spacegate.Server.Domain;

/// <summary>An organization that owns models and OAuth applications.</summary>
public sealed class Account
{
    public string Id { get; set; } = IdGenerator.NewId();
    public string Name { get; set; } = "";

    /// <summary>May register OAuth applications.</summary>
    public bool DeveloperTools { get; set; }
    public bool Enterprise { get; set; }

    /// <summary>May use client_credentials and Private Model Embed.</summary>
    public bool PmeEnabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public List<AccountMembership> Members { get; set; } = [];
}
