using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Cli;
using Spacegate.Server.Hosting;

namespace Spacegate.Tests.Infrastructure;

/// <summary>Runs a `spacegate` CLI verb against a test server's database and clock, as an operator would.</summary>
public static class CliRunner
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(TestServer server, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, builder =>
        {
            server.Database.Apply(builder.Configuration);
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            // The operator's CLI reads the same (test-controlled) clock as the server.
            builder.Services.AddSingleton(new BaseClock(server.Clock));
        });
        return (code, output.ToString(), error.ToString());
    }
}
