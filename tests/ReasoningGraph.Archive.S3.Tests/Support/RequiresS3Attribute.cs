namespace ReasoningGraph.Archive.S3.Tests.Support;

/// <summary>
/// Marks a test class that needs the S3 server of <see cref="S3Server"/>: its tests are reported as skipped when no
/// server is configured or reachable, except in CI (<c>CI=true</c>), where they run and fail. See <see cref="S3TestFramework"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresS3Attribute : Attribute;
