namespace ReasoningGraph.Signing.Registry;

/// <summary>A signer registry file is malformed. The message names the file and the entry.</summary>
public sealed class SignerRegistryException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file and entry.</param>
    /// <param name="filePath">The registry file, or null when it was not read from a file.</param>
    /// <param name="entry">The entry at fault (its position or signer id), or null when the whole file is at fault.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public SignerRegistryException(string message, string? filePath = null, string? entry = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        Entry = entry;
    }

    /// <summary>Creates the exception.</summary>
    public SignerRegistryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public SignerRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public SignerRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The registry file, or null when it was not read from a file.</summary>
    public string? FilePath { get; }

    /// <summary>The entry at fault, such as <c>signers[2] ("k2")</c> or <c>"k1"</c>; null when the whole file is at fault.</summary>
    public string? Entry { get; }
}
