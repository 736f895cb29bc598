using System.Text;

namespace Spacegate.Server.Seeding;

public static class DemoBanner
{
    public static string Text()
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("Spacegate sandbox: demo data is ready (public demo credentials, never use them in production).");
        text.AppendLine($"  Sign in with any of these users, password {DemoData.Password}:");
        foreach (var user in DemoData.Users)
        {
            text.AppendLine($"    {user.Email,-28} {user.Note}");
        }
        text.AppendLine($"  App 'Acme Listings Sync' (development): client_id={DemoData.AcmeAppClientId} client_secret={DemoData.AcmeAppSecret}");
        text.AppendLine($"      redirect_uri={DemoData.AcmeAppRedirectUri}");
        text.AppendLine($"  App 'Globex Intranet Portal' (production, PME): client_id={DemoData.GlobexAppClientId} client_secret={DemoData.GlobexAppSecret}");
        text.AppendLine($"  Models: 12 demo spaces, e.g. {DemoModels.GlobexHouseOffices.Id} (Globex, private) and {DemoModels.MapleStreet.Id} (Acme, public);");
        text.AppendLine("      list them with: spacegate models list");
        return text.ToString();
    }
}
