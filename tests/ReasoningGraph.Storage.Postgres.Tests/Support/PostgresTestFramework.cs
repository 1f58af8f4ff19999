using ReasoningGraph.Tests.Support;
using Xunit.Abstractions;

[assembly: Xunit.TestFramework("ReasoningGraph.Storage.Postgres.Tests.Support.PostgresTestFramework", "ReasoningGraph.Storage.Postgres.Tests")]

namespace ReasoningGraph.Storage.Postgres.Tests.Support;

/// <summary>Skips <see cref="RequiresPostgresAttribute"/> classes at discovery when no server is available locally (never in CI).</summary>
public sealed class PostgresTestFramework(IMessageSink messageSink)
    : ServerGatedTestFramework(messageSink, typeof(RequiresPostgresAttribute), () => PostgresServer.InCi ? null : PostgresServer.WhyUnavailable);
