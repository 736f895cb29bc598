namespace Spacegate.Server.Models;

/// <summary>A purchasable add-on of a model (e.g. mp:matterpak); unlocked bundles can be downloaded.</summary>
public sealed class ModelBundle
{
    public string ModelId { get; set; } = "";
    public Model? Model { get; set; }

    /// <summary>Bundle id, e.g. mp:matterpak, mp:e57, floorplan:schematic.</summary>
    public string BundleId { get; set; } = "";
    public BundleAvailability Availability { get; set; }

    /// <summary>Price in the smallest currency unit (cents).</summary>
    public long PriceCents { get; set; }
    public string Currency { get; set; } = "USD";
    public DateTimeOffset? UnlockedAt { get; set; }
}

public enum BundleAvailability
{
    Locked = 0,
    Unlocked = 1,
    Unavailable = 2,
}

/// <summary>A purchase charged to an account: who bought which bundle, through which app, when, for how much.</summary>
public sealed class BundlePurchase
{
    public string Id { get; set; } = Domain.IdGenerator.NewId();
    public string AccountId { get; set; } = "";
    public string ModelId { get; set; } = "";
    public string BundleId { get; set; } = "";

    /// <summary>The user whose grant made the purchase; null for client_credentials tokens.</summary>
    public string? UserId { get; set; }
    public string ClientId { get; set; } = "";
    public DateTimeOffset PurchasedAt { get; set; }
    public long PriceCents { get; set; }
    public string Currency { get; set; } = "USD";
}
