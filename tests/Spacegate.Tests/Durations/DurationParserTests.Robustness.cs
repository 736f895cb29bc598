using System.Text;
using Spacegate.Server.Durations;
using Xunit;

namespace Spacegate.Tests.Durations;

/// <summary>Long, hostile and random input: bounded messages, no echo of control characters, never a throw.</summary>
public sealed partial class DurationParserTests
{
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
}
