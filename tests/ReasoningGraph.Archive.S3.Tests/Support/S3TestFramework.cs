using ReasoningGraph.Tests.Support;
using Xunit.Abstractions;

[assembly: Xunit.TestFramework("ReasoningGraph.Archive.S3.Tests.Support.S3TestFramework", "ReasoningGraph.Archive.S3.Tests")]

namespace ReasoningGraph.Archive.S3.Tests.Support;

/// <summary>Skips <see cref="RequiresS3Attribute"/> classes at discovery when no S3 server is available locally (never in CI).</summary>
public sealed class S3TestFramework(IMessageSink messageSink)
    : ServerGatedTestFramework(messageSink, typeof(RequiresS3Attribute), () => S3Server.InCi ? null : S3Server.WhyUnavailable);
