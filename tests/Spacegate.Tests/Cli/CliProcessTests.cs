using System.Diagnostics;
using System.Text;
using Spacegate.Server.Cli;
using Spacegate.Tests.Infrastructure;
using Spacegate.Tests.MultiNode;
using Xunit;

namespace Spacegate.Tests.Cli;

/// <summary>The CLI as its own OS process (<c>dotnet spacegate.dll VERB</c>), as an operator runs it.</summary>
public sealed class CliProcessTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private string[] Settings => [.. _database.Settings.Select(s => $"--{s.Key}={s.Value}"), "--Logging:LogLevel:Default=Warning"];

    [Fact]
    public async Task CtrlC_DuringBulkCreate_StopsPromptlyWithExitCode130()
    {
        Assert.Equal(CliExitCodes.Ok, await CliApp.RunAsync(["seed", .. Settings], TextWriter.Null, TextWriter.Null));
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = Start(["models", "bulk-create", "--account", "acme", "--count", "1000000", .. Settings], output, error);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!Read(output).Contains("of 1,000,000 models inserted") && !process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.False(process.HasExited, $"exited early: {Read(output)}\n{Read(error)}");
            Assert.True(Read(output).Contains("of 1,000,000 models inserted"), $"no progress: {Read(output)}\n{Read(error)}");

            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(CliExitCodes.Cancelled, process.ExitCode);
            Assert.Contains("Cancelled.", Read(error));
            Assert.DoesNotContain("Inserted 1,000,000 models", Read(output));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static Process Start(IEnumerable<string> arguments, StringBuilder output, StringBuilder error)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SpacegateCluster.ServerDll());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder target, string? line)
    {
        lock (target)
        {
            target.AppendLine(line);
        }
    }

    private static string Read(StringBuilder source)
    {
        lock (source)
        {
            return source.ToString();
        }
    }
}
