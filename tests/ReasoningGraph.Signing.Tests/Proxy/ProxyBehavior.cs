namespace ReasoningGraph.Signing.Tests.Proxy;

/// <summary>How <see cref="TestSigningProxy"/> answers one <c>/sign</c> request.</summary>
public enum ProxyBehavior
{
    /// <summary>Signs with its key and answers 200.</summary>
    Sign,

    /// <summary>500 Internal Server Error.</summary>
    Fail500,

    /// <summary>503 Service Unavailable.</summary>
    Fail503,

    /// <summary>400 Bad Request.</summary>
    BadRequest,

    /// <summary>Never answers (until the client gives up).</summary>
    Hang,

    /// <summary>200 with a body that is not JSON.</summary>
    Garbage,

    /// <summary>200 with a 32-byte signature.</summary>
    ShortSignature,

    /// <summary>200 with signature_b64 that is not base64.</summary>
    NotBase64,

    /// <summary>200 with a well-formed signature made by a different key.</summary>
    ForeignSignature,

    /// <summary>200 with a valid signature but another signer_id.</summary>
    WrongSignerId,
}
