namespace Spacegate.Client.ModelApi;

/// <summary>A price.</summary>
/// <param name="Amount">The amount, e.g. 49.00.</param>
/// <param name="CurrencyCode">ISO 4217, e.g. USD.</param>
public sealed record ModelPrice(decimal Amount, string CurrencyCode);
