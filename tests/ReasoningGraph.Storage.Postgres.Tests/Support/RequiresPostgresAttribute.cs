namespace ReasoningGraph.Storage.Postgres.Tests.Support;

/// <summary>
/// Marks a test class that needs the server named by <c>REASONING_GRAPH_TEST_DATABASE_URL</c>: its tests are
/// reported as skipped when no server is configured or reachable, except in CI (<c>CI=true</c>), where they run and
/// fail. See <see cref="PostgresTestFramework"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute;
