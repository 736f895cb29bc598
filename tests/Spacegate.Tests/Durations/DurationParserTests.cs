using System.Text;
using Spacegate.Server.Durations;
using Xunit;

namespace Spacegate.Tests.Durations;

public sealed class DurationParserTests
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

    [Theory]
    [InlineData("0s")]
    [InlineData("0m")]
    [InlineData("0h")]
    [InlineData("0d")]
    [InlineData("000000000s")]
    [InlineData("PT0S")]
    [InlineData("PT0M")]
    [InlineData("P0D")]
    [InlineData("P0W")]
    [InlineData("PT0H0M0S")]
    [InlineData("P0W0DT0H0M0S")]
    public void Parse_ZeroDuration_ReturnsGreaterThanZeroError(string input)
    {
        var result = DurationParser.Parse(input, OneDay);

        AssertFailure(result);
        Assert.StartsWith($"Duration '{input}' must be greater than zero:", result.Error);
        AssertNamesFormatsAndMaximum(result.Error!, "24h");
    }

    [Theory]
    [InlineData("25h")]
    [InlineData("2d")]
    [InlineData("86401s")]
    [InlineData("1441m")]
    [InlineData("P1DT1S")]
    [InlineData("PT24H1S")]
    [InlineData("P1W")]
    [InlineData("999999999s")]
    [InlineData("999999999d")]
    [InlineData("PT999999999H")]
    [InlineData("P999999999W")]
    [InlineData("P1W1DT1H1M1S")]
    public void Parse_OverMaximum_ReturnsExceedsError(string input)
    {
        var result = DurationParser.Parse(input, OneDay);

        AssertFailure(result);
        Assert.Equal($"Duration '{input}' exceeds the maximum of 24h.", result.Error);
    }

    [Theory]
    [InlineData(86_400, "24h", "86401s")]
    [InlineData(86_400, "1d", "PT24H1S")]
    [InlineData(86_400, "P1D", "P1DT1S")]
    [InlineData(86_400, "PT1440M", "PT1440M1S")]
    [InlineData(5_400, "90m", "5401s")]
    [InlineData(5_400, "PT1H30M", "PT1H30M1S")]
    [InlineData(604_800, "P1W", "P1WT1S")]
    [InlineData(604_800, "7d", "604801s")]
    [InlineData(45, "45s", "46s")]
    [InlineData(1, "1s", "2s")]
    [InlineData(1, "PT1S", "PT2S")]
    public void Parse_ExactlyAtMaximum_SucceedsAndOneSecondOverFails(long maximumSeconds, string atMaximum, string oneSecondOver)
    {
        var maximum = TimeSpan.FromSeconds(maximumSeconds);

        AssertSuccess(DurationParser.Parse(atMaximum, maximum), maximum);
        var over = DurationParser.Parse(oneSecondOver, maximum);
        AssertFailure(over);
        Assert.StartsWith($"Duration '{oneSecondOver}' exceeds the maximum of ", over.Error);
    }

    [Theory]
    [InlineData(1, "1s")]
    [InlineData(45, "45s")]
    [InlineData(90, "90s")]
    [InlineData(60, "1m")]
    [InlineData(5_400, "90m")]
    [InlineData(3_600, "1h")]
    [InlineData(86_400, "24h")]
    [InlineData(129_600, "36h")]
    [InlineData(90_060, "1501m")]
    [InlineData(172_800, "2d")]
    [InlineData(604_800, "7d")]
    public void Parse_OverMaximum_FormatsMaximumInLargestWholeUnit(long maximumSeconds, string expected)
    {
        var result = DurationParser.Parse("999999999d", TimeSpan.FromSeconds(maximumSeconds));

        Assert.Equal($"Duration '999999999d' exceeds the maximum of {expected}.", result.Error);
    }

    [Fact]
    public void Parse_MaximumWithFractionalSeconds_RoundsMaximumDownToWholeSeconds()
    {
        var maximum = TimeSpan.FromMilliseconds(1_500);

        AssertSuccess(DurationParser.Parse("1s", maximum), TimeSpan.FromSeconds(1));
        Assert.Equal("Duration '2s' exceeds the maximum of 1s.", DurationParser.Parse("2s", maximum).Error);
    }

    [Fact]
    public void Parse_MaximumIsTimeSpanMaxValue_LargestInputsDoNotOverflow()
    {
        // TimeSpan.MaxValue is 10,675,199 days and a bit; nine-digit numbers of hours, days or weeks go beyond it.
        AssertSuccess(DurationParser.Parse("999999999s", TimeSpan.MaxValue), TimeSpan.FromSeconds(999_999_999));
        AssertSuccess(DurationParser.Parse("PT99999999H", TimeSpan.MaxValue), TimeSpan.FromHours(99_999_999));
        AssertSuccess(DurationParser.Parse("10675199d", TimeSpan.MaxValue), TimeSpan.FromDays(10_675_199));

        foreach (string input in new[] { "10675200d", "PT999999999H", "P999999999W999999999DT999999999H999999999M999999999S" })
        {
            var result = DurationParser.Parse(input, TimeSpan.MaxValue);
            AssertFailure(result);
            Assert.StartsWith("Duration '", result.Error);
            Assert.Contains("' exceeds the maximum of ", result.Error);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(999)]
    public void Parse_MaximumBelowOneSecond_ThrowsArgumentOutOfRange(long maximumMilliseconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => DurationParser.Parse("5m", TimeSpan.FromMilliseconds(maximumMilliseconds)));
    }

    [Fact]
    public void Parse_VeryLongInput_FailsWithBoundedMessage()
    {
        string[] inputs =
        [
            new string('9', 1_000_000) + "s",
            "P" + new string('9', 1_000_000) + "D",
            "PT" + string.Concat(Enumerable.Repeat("1H", 500_000)),
            new string('P', 1_000_000),
            new string(' ', 1_000_000) + "x" + new string(' ', 1_000_000),
        ];

        foreach (string input in inputs)
        {
            var result = DurationParser.Parse(input, OneDay);

            AssertFailure(result);
            Assert.True(result.Error!.Length < 300, $"Error message is {result.Error.Length} characters long.");
            AssertNamesFormatsAndMaximum(result.Error, "24h");
        }
    }

    [Fact]
    public void Parse_LongInvalidInput_EchoIsTruncated()
    {
        var result = DurationParser.Parse(new string('x', 100), OneDay);

        Assert.StartsWith($"Invalid duration '{new string('x', 40)}...':", result.Error);
    }

    [Fact]
    public void Parse_TruncationAtSurrogatePair_DoesNotSplitThePair()
    {
        string input = new string('x', 39) + "\U0001F600" + "tail";

        var result = DurationParser.Parse(input, OneDay);

        Assert.StartsWith($"Invalid duration '{new string('x', 39)}...':", result.Error);
    }

    [Fact]
    public void Parse_ControlCharactersInInput_AreNotEchoed()
    {
        var result = DurationParser.Parse("5\nm\u0000\u001B[31m", OneDay);

        AssertFailure(result);
        Assert.StartsWith("Invalid duration '5?m??[31m':", result.Error);
    }

    [Fact]
    public void Success_ReflectsWhetherValueIsSet()
    {
        Assert.True(new DurationParseResult(TimeSpan.FromSeconds(1), null).Success);
        Assert.False(new DurationParseResult(null, "error").Success);
    }

    [Fact]
    public void Parse_RandomStrings_NeverThrowAndResultIsConsistent()
    {
        // Mostly characters the scanner cares about, so a fair share of strings get deep into it (and some succeed).
        const string Alphabet = "PTWDHMSpTwdhms0123456789000.,-+ \t\u0665\uFF15";
        var random = new Random(20_240_611);
        var maximum = TimeSpan.FromDays(30);
        int successes = 0;

        for (int i = 0; i < 2_000; i++)
        {
            string input = RandomString(random, Alphabet);

            var result = DurationParser.Parse(input, maximum);

            Assert.True(result.Success == (result.Error is null), $"Inconsistent result for '{input}'.");
            if (result.Success)
            {
                successes++;
                Assert.InRange(result.Value!.Value, TimeSpan.FromSeconds(1), maximum);
                Assert.Equal(0L, result.Value.Value.Ticks % TimeSpan.TicksPerSecond);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error), $"No error text for '{input}'.");
            }
        }

        Assert.True(successes > 0, "The generator should produce at least some valid durations.");
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
