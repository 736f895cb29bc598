namespace Spacegate.Tests.Hosting;

/// <summary>A production configuration that is allowed to start, behind a TLS proxy on loopback.</summary>
public static class ProductionSettings
{
    public const string PublicBase = "https://spaces.example.test";
    public const string KeyEncryptionKey = "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs="; // 32 bytes

    /// <summary>The valid settings with <paramref name="overrides"/>; a null value removes the setting.</summary>
    public static Dictionary<string, string?> Valid(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Spacegate:Mode"] = "Production",
            ["Spacegate:SeedDemoData"] = "false",
            ["Spacegate:PublicBaseUrl"] = PublicBase + "/",
            ["Spacegate:KeyEncryptionKey"] = KeyEncryptionKey,
            ["Spacegate:KnownProxies:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in overrides)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }
        return settings;
    }

    /// <summary>What the TLS-terminating proxy adds to every request it forwards.</summary>
    public static HttpClient ViaProxy(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }
}
