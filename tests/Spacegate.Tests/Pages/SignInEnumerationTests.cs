using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Domain;
using Spacegate.Server.Pages.Account;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Pages;

/// <summary>
/// Sign-in must not tell which emails have an account: the same answer, and the same password-hash
/// work, for an unknown email, a wrong password and a locked-out user.
/// </summary>
public sealed class SignInEnumerationTests : IAsyncLifetime
{
    private const string Unknown = "nobody-here@demo.spacegate.test";
    private readonly CountingPasswordHasher _hasher = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(configure: b => b.Services.AddSingleton<IPasswordHasher<SpacegateUser>>(_hasher));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SignIn_UnknownEmailWrongPasswordLockedOut_SameStatusAndMessage()
    {
        var unknown = await PostSignInAsync(Unknown, "whatever-password");
        var wrong = await PostSignInAsync("carol@demo.spacegate.test", "wrong-password");
        for (var i = 0; i < 6; i++)
        {
            await PostSignInAsync("bob@demo.spacegate.test", "wrong-password-" + i);
        }
        var lockedOutRightPassword = await PostSignInAsync("bob@demo.spacegate.test", DemoData.Password);
        var lockedOutWrongPassword = await PostSignInAsync("bob@demo.spacegate.test", "wrong-password");

        foreach (var answer in new[] { unknown, wrong, lockedOutRightPassword, lockedOutWrongPassword })
        {
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal(PasswordSignIn.FailureMessage, answer.Message);
            Assert.Null(answer.Location);
        }
    }

    [Fact]
    public async Task SignIn_UnknownEmail_VerifiesOnePasswordHashLikeAKnownOne()
    {
        var unknown = await CountVerificationsAsync(() => PostSignInAsync(Unknown, "whatever-password"));
        var wrong = await CountVerificationsAsync(() => PostSignInAsync("carol@demo.spacegate.test", "wrong-password"));
        Assert.Equal(1, unknown);
        Assert.Equal(wrong, unknown);
    }

    [Fact]
    public async Task SignIn_LockedOutUser_StillVerifiesOnePasswordHash()
    {
        for (var i = 0; i < 6; i++)
        {
            await PostSignInAsync("bob@demo.spacegate.test", "wrong-password-" + i);
        }
        Assert.Equal(1, await CountVerificationsAsync(() => PostSignInAsync("bob@demo.spacegate.test", DemoData.Password)));
    }

    [Fact]
    public async Task SignIn_RightPassword_StillSignsIn()
    {
        var answer = await PostSignInAsync("carol@demo.spacegate.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal("/", answer.Location);
    }

    private async Task<int> CountVerificationsAsync(Func<Task> action)
    {
        var before = _hasher.Verifications;
        await action();
        return _hasher.Verifications - before;
    }

    private sealed record Answer(HttpStatusCode Status, string? Message, string? Location);

    private async Task<Answer> PostSignInAsync(string email, string password)
    {
        var browser = _server.CreateClient();
        var page = await browser.GetStringAsync("/account/login");
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        var html = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, PageSession.TextOf(html, "login-error"), response.Headers.Location?.ToString());
    }

    private sealed class CountingPasswordHasher : IPasswordHasher<SpacegateUser>
    {
        private readonly PasswordHasher<SpacegateUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(SpacegateUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(SpacegateUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
