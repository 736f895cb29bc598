using System.Text;
using Spacegate.Server.Durations;
using Xunit;

namespace Spacegate.Tests.Durations;

/// <summary>Accepted formats and malformed input; limits and robustness are in the other parts.</summary>
public sealed partial class DurationParserTests
{
    private const string IsoFormats = "ISO-8601 (PT10M, PT1H30M, P1D)";
    private const string ShorthandFormats = "digits plus a unit letter (30s, 5m, 24h, 1d)";

    private static readonly TimeSpan OneDay = TimeSpan.FromHours(24);
    private static readonly TimeSpan Generous = TimeSpan.FromDays(36_500);

    [Theory]
    [InlineData("PT10M", 600)]
    [InlineData("PT1H30M", 5_400)]
    [InlineData("P1D", 86_400)]
    [InlineData("P1DT2H", 93_600)]
    [InlineData("PT90M", 5_400)]
    [InlineData("P1W", 604_800)]
    [InlineData("P2W", 1_209_600)]
    [InlineData("P1W2D", 777_600)]
    [InlineData("PT45S", 45)]
    [InlineData("PT1H", 3_600)]
    [InlineData("PT1M30S", 90)]
    [InlineData("PT1H30M15S", 5_415)]
    [InlineData("P1DT1H1M1S", 90_061)]
    [InlineData("P1W1DT1H1M1S", 694_861)]
    [InlineData("P1DT30S", 86_430)]
    [InlineData("PT0H5M", 300)]
    [InlineData("PT36H", 129_600)]
    [InlineData("PT3600S", 3_600)]
    [InlineData("PT010M", 600)]
    [InlineData("PT999999999S", 999_999_999)]
    public void Parse_IsoDuration_ReturnsExactTimeSpan(string input, long expectedSeconds)
    {
        var result = DurationParser.Parse(input, Generous);

        AssertSuccess(result, TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("24h", 86_400)]
    [InlineData("1d", 86_400)]
    [InlineData("1s", 1)]
    [InlineData("90m", 5_400)]
    [InlineData("36h", 129_600)]
    [InlineData("7d", 604_800)]
    [InlineData("05m", 300)]
    [InlineData("999999999s", 999_999_999)]
    public void Parse_Shorthand_ReturnsExactTimeSpan(string input, long expectedSeconds)
    {
        var result = DurationParser.Parse(input, Generous);

        AssertSuccess(result, TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData(" 5m", 300)]
    [InlineData("5m ", 300)]
    [InlineData("  PT10M  ", 600)]
    [InlineData("\tP1D\r\n", 86_400)]
    [InlineData("\u00A030s\u2003", 30)]
    public void Parse_SurroundingWhitespace_IsTrimmed(string input, long expectedSeconds)
    {
        var result = DurationParser.Parse(input, OneDay);

        AssertSuccess(result, TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" \t\r\n ")]
    public void Parse_NullOrWhitespace_ReturnsRequiredError(string? input)
    {
        var result = DurationParser.Parse(input, OneDay);

        AssertFailure(result);
        Assert.StartsWith("A duration is required:", result.Error);
        AssertNamesFormatsAndMaximum(result.Error!, "24h");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("m5")]
    [InlineData("m")]
    [InlineData("1.5h")]
    [InlineData("1,5h")]
    [InlineData("5 m")]
    [InlineData("5mm")]
    [InlineData("5ms")]
    [InlineData("5m5s")]
    [InlineData("1h30m")]
    [InlineData("1w")]
    [InlineData("5M")]
    [InlineData("5S")]
    [InlineData("5H")]
    [InlineData("5D")]
    [InlineData("-5m")]
    [InlineData("+5m")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("P1")]
    [InlineData("PT5")]
    [InlineData("PTM")]
    [InlineData("PT-5M")]
    [InlineData("P-1D")]
    [InlineData("-PT5M")]
    [InlineData("PT+5M")]
    [InlineData("pt10m")]
    [InlineData("pT10M")]
    [InlineData("Pt10M")]
    [InlineData("PT10m")]
    [InlineData("p1d")]
    [InlineData("P1d")]
    [InlineData("PT0.5S")]
    [InlineData("PT0,5S")]
    [InlineData("PT1.5H")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("PT1W")]
    [InlineData("P1D1W")]
    [InlineData("PT1M30H")]
    [InlineData("PT1S1M")]
    [InlineData("PT1H1H")]
    [InlineData("P1D1D")]
    [InlineData("PT1HT1M")]
    [InlineData("P1DTT1H")]
    [InlineData("P T10M")]
    [InlineData("PT 10M")]
    [InlineData("PT10 M")]
    [InlineData("PT10M ago")]
    [InlineData("PT10M!")]
    [InlineData("PPT10M")]
    [InlineData("T10M")]
    [InlineData("10:00")]
    [InlineData("00:05:00")]
    [InlineData("5 minutes")]
    [InlineData("\u0665m")] // Arabic-Indic digit five
    [InlineData("\u06F5m")] // Extended Arabic-Indic digit five
    [InlineData("\u096Bm")] // Devanagari digit five
    [InlineData("\uFF15m")] // Fullwidth digit five
    [InlineData("5\uFF4D")] // Fullwidth letter m
    [InlineData("PT\u0665M")]
    [InlineData("\u00B2m")] // Superscript two
    [InlineData("5\u0000m")]
    [InlineData("1234567890s")] // 10 digits
    [InlineData("0000000005m")] // 10 digits, even if mostly leading zeros
    [InlineData("99999999999999999999d")]
    [InlineData("PT1234567890S")]
    [InlineData("P99999999999999999999W")]
    public void Parse_MalformedInput_ReturnsInvalidErrorNamingFormatsAndMaximum(string input)
    {
        var result = DurationParser.Parse(input, OneDay);

        AssertFailure(result);
        Assert.StartsWith("Invalid duration '", result.Error);
        AssertNamesFormatsAndMaximum(result.Error!, "24h");
    }

    [Fact]
    public void Parse_MalformedInput_MatchesSpecMessageExactly()
    {
        var result = DurationParser.Parse("5x", OneDay);

        Assert.Equal(
            "Invalid duration '5x': use ISO-8601 (PT10M, PT1H30M, P1D) or digits plus a unit letter (30s, 5m, 24h, 1d), "
                + "greater than zero and at most 24h.",
            result.Error);
    }

    [Fact]
    public void Parse_MalformedInputWithWhitespace_EchoesTrimmedInput()
    {
        var result = DurationParser.Parse("  5x\t", OneDay);

        Assert.StartsWith("Invalid duration '5x':", result.Error);
    }

    private static string RandomString(Random random, string alphabet)
    {
        int length = random.Next(0, 16);
        var builder = new StringBuilder(length);
        if (length > 0 && random.Next(3) == 0)
        {
            builder.Append('P'); // bias towards the ISO path
        }

        for (int i = 0; i < length; i++)
        {
            // One in eight characters is an arbitrary UTF-16 code unit, lone surrogates included.
            builder.Append(random.Next(8) == 0 ? (char)random.Next(0, 0x10000) : alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static void AssertSuccess(DurationParseResult result, TimeSpan expected)
    {
        Assert.True(result.Success, result.Error);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    private static void AssertFailure(DurationParseResult result)
    {
        Assert.False(result.Success);
        Assert.Null(result.Value);
        Assert.NotNull(result.Error);
    }

    private static void AssertNamesFormatsAndMaximum(string error, string maximum)
    {
        Assert.Contains(IsoFormats, error);
        Assert.Contains(ShorthandFormats, error);
        Assert.Contains($"at most {maximum}.", error);
    }
}
