using System.Security.Cryptography;

namespace Spacegate.SamplePartner;

/// <summary>
/// The sample's own session: a random id in an HttpOnly cookie. Tokens and pending authorizations are kept on the
/// server under this id; the browser never holds a Spacegate token of the user.
/// </summary>
public static class SampleSession
{
    private const string CookieName = "sample_session";

    /// <summary>The token store key of the visitor's connection.</summary>
    public static string TokenKey(HttpContext context) => "session:" + Id(context);

    /// <summary>The visitor's session id, created (with its cookie) on first use.</summary>
    public static string Id(HttpContext context)
    {
        if (context.Items[CookieName] is string current)
        {
            return current;
        }
        var id = context.Request.Cookies[CookieName];
        if (id is not { Length: 43 })
        {
            id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            // Lax: the callback arrives by a top-level navigation from Spacegate and must carry this cookie.
            context.Response.Cookies.Append(CookieName, id, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
            });
        }
        context.Items[CookieName] = id;
        return id;
    }
}
