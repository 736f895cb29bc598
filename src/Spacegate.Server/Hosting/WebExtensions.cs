using Spacegate.Server.ModelApi;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Spacegate.Server.Applications;
using Spacegate.Server.Clock;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Hosting.RateLimiting;
using Spacegate.Server.OAuth;
using Spacegate.Server.Operations;
using Spacegate.Server.Seeding;

namespace Spacegate.Server.Hosting;

/// <summary>Lets tests (and only tests) put a controllable clock under the sandbox clock.</summary>
public sealed record BaseClock(TimeProvider Inner);

public static class WebExtensions
{
    public static IHostApplicationBuilder AddSpacegateWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddSpacegateRateLimiting();
        var sandbox = builder.Configuration.GetSection(SpacegateOptions.Section).Get<SpacegateOptions>()?.IsSandbox ?? true;

        // Production only (the sandbox is plain HTTP on loopback). Requests reach the node through the TLS proxy under
        // the public host name, so no host is excluded; the header is only ever sent on HTTPS requests.
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(180);
            options.ExcludedHosts.Clear();
        });
        services.AddSingleton(sp => new SandboxTimeProvider(sp.GetService<BaseClock>()?.Inner ?? TimeProvider.System, sandbox));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SandboxTimeProvider>());
        services.AddSingleton<SandboxClockRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxClockRefresher>());
        services.AddScoped<SandboxClockService>();
        services.AddScoped<ApplicationService>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoModelSeeder>();
        services.AddScoped<Grants.ConsentService>();
        services.AddScoped<Grants.GrantQueries>();
        services.AddSpacegateModelApi();
        services.AddScoped<ApplicationQueries>();
        services.AddScoped<Pages.Account.PasswordSignIn>();
        services.AddScoped<DeveloperAccess>();
        services.AddScoped<Administration.PlatformAdministration>();
        services.AddScoped<Administration.AccountMembers>();

        services.AddDataProtection().SetApplicationName("Spacegate").PersistKeysToDbContext<SpacegateDbContext>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyEncryption>((keys, encryption) =>
            keys.XmlEncryptor = new KeyEncryptionXmlEncryptor(encryption));
        services.AddSingleton<SafeStartupValidator>();
        services.AddHostedService<SafeStartupCheck>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SpacegateOptions>>((forwarded, spacegate) =>
            TrustedProxies.Configure(forwarded, spacegate.Value));

        services.AddIdentity<SpacegateUser, IdentityRole>()
            .AddEntityFrameworkStores<SpacegateDbContext>()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SpacegateOptions>>((identity, spacegate) =>
        {
            identity.User.RequireUniqueEmail = true;
            identity.Password.RequiredLength = 10;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = spacegate.Value.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(spacegate.Value.LockoutMinutes);
        });
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "spacegate.session";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAntiforgery(o => o.Cookie.Name = "spacegate.antiforgery");
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Developer");
            o.Conventions.AuthorizeFolder("/ConnectedApps");
            o.Conventions.AuthorizeFolder("/Admin");
        }).AddMvcOptions(o =>
        {
            // No page posts jQuery-style keys (a[b]=c); their parser throws on a key like "a[" (a 500).
            o.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            o.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<UnexpectedErrorHandler>();
        builder.AddSpacegateOperations();
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        return builder;
    }

    public static WebApplication UseSpacegate(this WebApplication app)
    {
        // First: everything after it (HTTPS checks, OpenIddict, cookies, links) sees the client's scheme.
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = UnexpectedErrorHandler.StatusCodeFor,
            // UnexpectedErrorHandler logs every exception once, without the query string: never again here.
            SuppressDiagnosticsCallback = _ => true,
        });
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Services.GetRequiredService<SandboxTimeProvider>().IsSandbox)
        {
            app.UseHsts();
        }
        app.UseMiddleware<RejectInvalidHost>();
        // Health and metrics: no static files, clock, rate limit or authentication, and plain HTTP is fine
        // (load-balancer probes, a metrics port that is never public).
        app.UseSpacegateOperations();
        app.UseMiddleware<RequireHttpsInProduction>();
        app.UseStaticFiles(StaticFileSettings.Create()); // wwwroot is copied next to the binary, so pages are styled in every environment
        app.UseMiddleware<SandboxClockMiddleware>(); // before anything reads the clock
        app.UseRouting();
        app.UseCors();
        app.UseSpacegateRateLimiting(); // before authentication: a refused request costs no secret or password hash
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapRazorPages();
        TokenEndpoint.Map(app);
        app.MapSpacegateModelApi();
        return app;
    }
}
