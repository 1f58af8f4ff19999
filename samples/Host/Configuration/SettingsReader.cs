using System.Globalization;

namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// Reads settings by their documented names without ever throwing: a value that cannot be used is recorded in
/// <see cref="Problems"/>, naming the setting, and the default stands in for it, so start-up can list every problem at
/// once instead of stopping at the first. (The configuration binder throws at the first bad value, accepts only
/// true/false and does not split comma lists, hence this.)
/// </summary>
internal sealed class SettingsReader(IConfiguration configuration)
{
    private readonly List<string> _problems = [];

    /// <summary>Every problem found so far, in the order found.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Records a problem that a rule over several settings found.</summary>
    public void Refuse(string problem) => _problems.Add(problem);

    /// <summary>The trimmed value, or null when unset or blank.</summary>
    public string? Text(string name) => string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name]!.Trim();

    /// <summary>A flag: true/1/yes or false/0/no. Anything else is refused: a typo must not silently turn a guard off.</summary>
    public bool Flag(string name, bool defaultValue = false) => Text(name)?.ToLowerInvariant() switch
    {
        null => defaultValue,
        "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => Refused(defaultValue, $"{name} must be true or false, not '{configuration[name]}'."),
    };

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Integer(string name, long defaultValue, long min, long max = long.MaxValue)
    {
        if (Text(name) is not { } text)
        {
            return defaultValue;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) && value >= min && value <= max)
        {
            return value;
        }

        string range = max == long.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"of at least {min}")
            : string.Create(CultureInfo.InvariantCulture, $"from {min} to {max}");
        return Refused(defaultValue, $"{name} must be a whole number {range}, not '{text}'.");
    }

    /// <summary>A number of seconds, at most <paramref name="max"/>; zero only when <paramref name="zeroAllowed"/>.</summary>
    public TimeSpan Seconds(string name, double defaultSeconds, double max, bool zeroAllowed)
    {
        if (Text(name) is not { } text)
        {
            return TimeSpan.FromSeconds(defaultSeconds);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && (zeroAllowed ? seconds >= 0 : seconds > 0) && seconds <= max)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        string range = zeroAllowed
            ? string.Create(CultureInfo.InvariantCulture, $"between 0 and {max}")
            : string.Create(CultureInfo.InvariantCulture, $"greater than 0 and at most {max}");
        return Refused(TimeSpan.FromSeconds(defaultSeconds), $"{name} must be a number of seconds {range}, not '{text}'.");
    }

    /// <summary>One of <paramref name="allowed"/> (ignoring case), as written there.</summary>
    public string Choice(string name, string defaultValue, params string[] allowed)
    {
        if (Text(name) is not { } text)
        {
            return defaultValue;
        }

        return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
            ?? Refused(defaultValue, $"{name} must be {string.Join(" or ", allowed)}, not '{text}'.");
    }

    /// <summary>A comma-separated list, entries trimmed, blanks dropped.</summary>
    public IReadOnlyList<string> List(string name) =>
        (Text(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Base64 bytes, at least <paramref name="minimumBytes"/> of them; null when unset or refused.</summary>
    public byte[]? Base64(string name, int minimumBytes = 0)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return Refused<byte[]?>(null, $"{name} is not valid base64.");
        }

        return bytes.Length >= minimumBytes
            ? bytes
            : Refused<byte[]?>(null, string.Create(CultureInfo.InvariantCulture, $"{name} must hold at least {minimumBytes} bytes (base64)."));
    }

    /// <summary>An absolute URL with one of <paramref name="schemes"/>; null when unset or refused.</summary>
    public Uri? AbsoluteUrl(string name, params string[] schemes)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && schemes.Contains(url.Scheme)
            ? url
            : Refused<Uri?>(null, $"{name} must be an absolute {string.Join(" or ", schemes)} URL, not '{text}'.");
    }

    /// <summary>The full form of a path setting (relative to the working directory); null when unset or refused.</summary>
    public string? FullPath(string name, string? defaultPath = null)
    {
        if ((Text(name) ?? defaultPath) is not { } path)
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Refused<string?>(null, $"{name} '{path}' is not a usable path: {e.Message}");
        }
    }

    private T Refused<T>(T value, string problem)
    {
        _problems.Add(problem);
        return value;
    }
}
