using ReasoningGraph.Tests.Parity;

namespace ReasoningGraph.Signing.Tests.Support;

/// <summary>A fact that runs the openssl command line; skipped where it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenSslFactAttribute : FactAttribute
{
    public OpenSslFactAttribute()
    {
        if (ReferenceTools.FindOnPath("openssl") is null)
        {
            Skip = "openssl is not on PATH";
        }
    }
}
