using System.Text;
using Spacegate.Server.Durations;
using Xunit;

namespace Spacegate.Tests.Durations;

/// <summary>Zero, the maximum and its boundaries.</summary>
public sealed partial class DurationParserTests
{
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
}
