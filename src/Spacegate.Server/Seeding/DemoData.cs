namespace Spacegate.Server.Seeding;

/// <summary>
/// The fixed demo data of the sandbox (SPEC §9). These credentials are public by design: they exist
/// so that a newcomer can try every flow within a minute, and are never created in production mode.
/// </summary>
public static class DemoData
{
    public const string Password = "Spacegate-demo-1";

    public sealed record DemoUser(string Email, string DisplayName, bool PlatformAdmin, string Note);

    public static readonly DemoUser Alice = new("alice@demo.spacegate.test", "Alice Archer", false, "admin of Acme Realty, member of Globex Estates (sees the account chooser)");
    public static readonly DemoUser Bob = new("bob@demo.spacegate.test", "Bob Baker", false, "member of Acme Realty");
    public static readonly DemoUser Carol = new("carol@demo.spacegate.test", "Carol Cole", false, "admin of Globex Estates only (an outsider to Acme's development app)");
    public static readonly DemoUser Admin = new("admin@demo.spacegate.test", "Platform Admin", true, "platform admin");

    public static IReadOnlyList<DemoUser> Users { get; } = [Alice, Bob, Carol, Admin];

    /// <summary>
    /// The viewing password of the demo models whose accessVisibility is password (Sunset Studio Apartment and
    /// Rue de Rivoli Pied-à-terre, see <see cref="DemoModels"/>); only its hash is stored.
    /// </summary>
    public const string ModelPassword = "Open-house-2026";

    public const string AcmeAccountId = "acme";
    public const string GlobexAccountId = "globex";

    public const string AcmeAppClientId = "acmedemoapp00000000000001";
    public const string AcmeAppSecret = "acme-demo-secret-4f9c2b7e1d8a6035c9e2f1b4a7d0c3e6";
    public const string AcmeAppRedirectUri = "http://localhost:8085/callback";

    public const string GlobexAppClientId = "globexportal0000000000001";
    public const string GlobexAppSecret = "globex-demo-secret-8b1e4d7a0c3f6925e8d1a4b7c0f3e692";
    public const string GlobexAppRedirectUri = "http://localhost:8086/callback";
}
