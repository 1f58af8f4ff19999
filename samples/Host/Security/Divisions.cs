namespace ReasoningGraph.Host.Security;

/// <summary>
/// Which division of the Kernel a request is for, so each division has a rate-limit bucket of its own under the
/// principal's: the Kernel sends every division's traffic as one principal. A Kernel JWT names it in its
/// <c>division</c> claim; a caller authenticated otherwise (the Kernel's client certificate) sends the
/// <c>X-Kernel-Division</c> header. The claim wins over the header. A caller choosing divisions gains nothing: the
/// principal's own bucket still bounds its total.
/// </summary>
internal static class Divisions
{
    public const string Claim = "division";

    public const string Header = "X-Kernel-Division";

    private const int MaxLength = 64;

    /// <summary>The request's division; null when none is named. A malformed name shares one bucket, <c>~invalid</c>.</summary>
    public static string? Of(HttpContext context, Caller caller)
    {
        string? name = caller.Division ?? (context.Request.Headers.TryGetValue(Header, out var header) ? header.ToString() : null);
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        return name.Length <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':') ? name : "~invalid";
    }
}
