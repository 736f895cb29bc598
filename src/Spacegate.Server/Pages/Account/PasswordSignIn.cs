using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Pages.Account;

/// <summary>
/// Email + password sign-in that neither its answer nor its cost tells whether an email has an account:
/// an unknown email, a wrong password and a locked-out user each cost one password-hash verification
/// and get the same <see cref="FailureMessage"/>. Otherwise the sign-in form would be an oracle for
/// which people use the platform, and for whom to target with password guessing.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<SpacegateUser> signIn,
    UserManager<SpacegateUser> users,
    IPasswordHasher<SpacegateUser> hasher)
{
    /// <summary>The one message for every failed sign-in; a locked-out user is not told apart either.</summary>
    public const string FailureMessage =
        "Sign-in failed: the email or password is incorrect, or there were too many failed attempts. Check them and try again in a few minutes.";

    // A hash made by the configured hasher, so verifying against it costs what a real user's does.
    private static string? _placeholderHash;

    public async Task<bool> SignInAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.PasswordHash is null)
        {
            VerifyAgainstPlaceholder(password);
            return false;
        }
        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked-out user before hashing: hash anyway, and don't count the attempt.
            VerifyAgainstPlaceholder(password);
            return false;
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded;
    }

    private void VerifyAgainstPlaceholder(string password)
    {
        var placeholder = new SpacegateUser();
        _placeholderHash ??= hasher.HashPassword(placeholder, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(placeholder, _placeholderHash, password);
    }
}
