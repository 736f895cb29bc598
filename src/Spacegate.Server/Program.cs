using Spacegate.Server.Cli;
using Spacegate.Server.Data;
using Spacegate.Server.Hosting;
using Spacegate.Server.OAuth;

namespace Spacegate.Server;

public partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (CliApp.IsCommand(args))
        {
            return await CliApp.RunAsync(args);
        }
        await BuildApp(args).RunAsync();
        return 0;
    }

    public static WebApplication BuildApp(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json ships next to the binary; relative data paths resolve against the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(Program).Assembly.GetName().Name, // pages and assets live here, also under a test host
        });
        configure?.Invoke(builder);
        builder.AddSpacegateStorage();
        builder.AddSpacegateOAuth();
        builder.AddSpacegateWeb();
        return builder.Build().UseSpacegate();
    }
}
