namespace Spacegate.Server.Cli;

/// <summary>A verb could not do what was asked; its message is printed and the CLI exits with <see cref="CliExitCodes.Failure"/>.</summary>
public sealed class CliException(string message) : Exception(message);
