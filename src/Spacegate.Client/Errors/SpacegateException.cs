namespace Spacegate.Client.Errors;

/// <summary>The base of every error this library raises.</summary>
public class SpacegateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpacegateException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
