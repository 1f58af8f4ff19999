using System.Globalization;

namespace ReasoningGraph.Tests.Parity;

internal sealed partial class RandomJson
{
    private static readonly double[] Boundaries =
        [1e-7, 1e-6, 1e21, 1e20, 9007199254740992, double.Epsilon, double.MaxValue, 2.2250738585072014e-308, 0.1, 1];

    private static readonly string[] Zeros = ["0", "0.0", "0e0", "0E-7", "0.000e+12"];
    private static readonly string[] Formats = ["R", "E16", "G17", "e20"];
    private static readonly string[] ExponentMarks = ["e", "E", "e+", "E+", "e-", "E-"];

    /// <summary>A finite number in a random spelling; underflow to zero is allowed, overflow is not.</summary>
    private void Number()
    {
        string text;
        do
        {
            text = NumberText();
        }
        while (double.IsInfinity(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));

        _text.Append(text);
    }

    private string NumberText()
    {
        string sign = _random.Next(3) == 0 ? "-" : "";
        return _random.Next(10) switch
        {
            0 => sign + _random.Next(1000).ToString(CultureInfo.InvariantCulture),
            1 => sign + Digits(16 + _random.Next(15)),
            2 => sign + Zeros[_random.Next(Zeros.Length)],
            3 => sign + Digits(1 + _random.Next(4)) + "." + Fraction(1 + _random.Next(22)) + Exponent(),
            4 => Spell(BitConverter.Int64BitsToDouble(_random.NextInt64(long.MinValue, long.MaxValue))),
            5 => sign + Spell(Neighbour(Boundaries[_random.Next(Boundaries.Length)])),
            6 => sign + "0." + new string('0', _random.Next(12)) + Digits(1 + _random.Next(12)),
            7 => sign + Digits(1 + _random.Next(3)) + "e-" + (320 + _random.Next(90)).ToString(CultureInfo.InvariantCulture),
            8 => sign + Digits(1 + _random.Next(3)) + "E+" + _random.Next(306).ToString(CultureInfo.InvariantCulture),
            _ => sign + (_random.Next(100000) / 100.0).ToString("R", CultureInfo.InvariantCulture),
        };
    }

    private double Neighbour(double value)
    {
        for (int steps = _random.Next(3); steps > 0; steps--)
        {
            value = _random.Next(2) == 0 ? Math.BitIncrement(value) : Math.BitDecrement(value);
        }

        return Math.Abs(value);
    }

    /// <summary>.NET spellings ("R", "E16", "G17") are all valid JSON numbers: "1E+21", "1.5E-07", "5E-324".</summary>
    private string Spell(double value)
    {
        if (!double.IsFinite(value))
        {
            value = 1.5;
        }

        string text = value.ToString(Formats[_random.Next(Formats.Length)], CultureInfo.InvariantCulture);
        return _random.Next(2) == 0 ? text.ToLowerInvariant() : text;
    }

    private string Digits(int count)
    {
        var digits = new char[count];
        digits[0] = (char)('1' + _random.Next(9));
        for (int i = 1; i < count; i++)
        {
            digits[i] = (char)('0' + _random.Next(10));
        }

        return new string(digits);
    }

    private string Fraction(int count)
    {
        var digits = new char[count];
        for (int i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + _random.Next(10));
        }

        return new string(digits);
    }

    private string Exponent() => _random.Next(2) == 0
        ? ""
        : ExponentMarks[_random.Next(ExponentMarks.Length)] + _random.Next(330).ToString(CultureInfo.InvariantCulture);
}
