using Spacegate.Client;
using Spacegate.Client.Tokens;

namespace Spacegate.SamplePartner;

/// <summary>A partner app built only on Spacegate.Client: connect a Spacegate account, manage its spaces, embed one.</summary>
public static class Program
{
    public static async Task Main(string[] args) => await BuildApp(args).RunAsync();

    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Runs after the settings are read and before the services are registered (tests).</param>
    /// <param name="contentRoot">Where appsettings.json and wwwroot are; the working directory by default.</param>
    public static WebApplication BuildApp(string[] args, Action<WebApplicationBuilder>? configure = null, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        var sample = builder.Configuration.GetSection("Sample");
        builder.Services.AddOptions<SampleOptions>().Bind(sample).ValidateOnStart();
        if (sample["TokenFolder"] is { Length: > 0 } folder)
        {
            builder.Services.AddSingleton<ITokenStore>(new FileTokenStore(Path.Combine(builder.Environment.ContentRootPath, folder)));
        }
        builder.Services.AddSpacegateClient(options => builder.Configuration.GetSection("Spacegate").Bind(options));
        builder.Services.AddSingleton<PendingAuthorizations>();
        builder.Services.AddSingleton<EmbedTokens>();
        builder.Services.AddRazorPages();

        var app = builder.Build();
        app.UseExceptionHandler("/error");
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<CanonicalOrigin>();
        app.UseStaticFiles();
        app.UseMiddleware<ReconnectOnLostGrant>();
        app.UseRouting();
        app.UseAntiforgery();
        app.MapRazorPages();
        app.MapSampleEndpoints();
        return app;
    }
}
