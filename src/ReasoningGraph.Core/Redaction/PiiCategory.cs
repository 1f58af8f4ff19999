namespace ReasoningGraph.Redaction;

/// <summary>How sensitive a catalogued field is. Decides the redaction mode when the catalog entry names none.</summary>
public enum PiiCategory
{
    /// <summary><c>DIRECT_IDENTIFIER</c>: identifies a person on its own (email, name, account number). Default mode <see cref="RedactionMode.RedactedSummary"/>.</summary>
    DirectIdentifier,

    /// <summary><c>QUASI_IDENTIFIER</c>: identifies a person in combination (postcode, birth date). Default mode <see cref="RedactionMode.PiiHash"/>.</summary>
    QuasiIdentifier,

    /// <summary><c>SENSITIVE</c>: special-category data (health, beliefs) whose mere presence can reveal something. Default mode <see cref="RedactionMode.FullRemoval"/>.</summary>
    Sensitive,

    /// <summary><c>NON_PII</c>: documented as not personal data; never redacted, and may not name a mode.</summary>
    NonPii,
}
