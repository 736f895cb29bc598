namespace Spacegate.Server.Data;

/// <summary>OpenIddict signing/encryption key material shared by every node through the database.</summary>
public sealed class ServerKey
{
    public string Purpose { get; set; } = "";
    public string Pem { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
