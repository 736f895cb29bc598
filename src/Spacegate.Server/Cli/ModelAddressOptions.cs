using System.CommandLine;
using Spacegate.Server.ModelApi;

namespace Spacegate.Server.Cli;

/// <summary>The address options of <c>models create</c>, named after the Model API's <c>address</c> fields (SPEC §5).</summary>
public sealed class ModelAddressOptions
{
    private readonly Option<string[]> _streetAddressLines =
        CliOptions.Texts("--street-address-line", "LINE", "A street address line (repeat for up to 5 lines).");
    private readonly Option<string> _locality = CliOptions.Text("--locality", "CITY", "City or locality.");
    private readonly Option<string> _administrativeArea = CliOptions.Text("--administrative-area", "REGION", "State, province or region.");
    private readonly Option<string> _postalCode = CliOptions.Text("--postal-code", "CODE", "Postal code.");
    private readonly Option<string> _countryCode = CliOptions.Text("--country-code", "CC", "Two-letter ISO 3166-1 country code, e.g. US.");

    public ModelAddressOptions()
    {
        _streetAddressLines.Aliases.Add("--street");
        _streetAddressLines.AllowMultipleArgumentsPerToken = false;
    }

    public IReadOnlyList<Option> All => [_streetAddressLines, _locality, _administrativeArea, _postalCode, _countryCode];

    /// <summary>The address given, or null when no address option was.</summary>
    public AddressPatch? Read(ParseResult parse)
    {
        var patch = new AddressPatch(parse.GetValue(_streetAddressLines), parse.GetValue(_locality), parse.GetValue(_administrativeArea),
            parse.GetValue(_postalCode), parse.GetValue(_countryCode));
        return patch == new AddressPatch(null, null, null, null, null) ? null : patch;
    }
}
