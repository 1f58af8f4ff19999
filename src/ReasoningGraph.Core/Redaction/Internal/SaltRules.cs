namespace ReasoningGraph.Redaction.Internal;

/// <summary>The rules for the <c>PII_HASH</c> salt and its id, shared by the redactor and its options validator.</summary>
internal static class SaltRules
{
    public const int MinSaltBytes = 16;

    public static List<string> Check(int saltLength, string? saltId)
    {
        var problems = new List<string>();
        if (saltLength < MinSaltBytes)
        {
            problems.Add($"The PII hash salt must be at least {MinSaltBytes} bytes (it is {saltLength}).");
        }

        // The id sits between ':' separators in 'sha256:<saltId>:<hex>', so it is kept to a plain alphabet.
        if (saltId is not { Length: > 0 and <= 64 } || !saltId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            problems.Add("The PII hash salt id must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.");
        }

        return problems;
    }
}
