using Microsoft.Extensions.Options;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// A connection string Npgsql refuses is an options problem naming it (a start-up refusal, a CLI usage error), never an
/// exception at first use.
/// </summary>
public sealed class ConnectionStringTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=notaport")]
    [InlineData("Host=127.0.0.1;No Such Keyword=1")]
    [InlineData("Host=127.0.0.1;SSL Mode=sometimes")]
    public void AnUnusableConnectionString_IsAValidationProblem(string connectionString)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            PostgresStoreOptionsValidator.ThrowIfInvalid(new PostgresStoreOptions { ConnectionString = connectionString }, requireConnectionString: true));

        Assert.Contains(error.Failures, f => f.StartsWith("ConnectionString is not usable: ", StringComparison.Ordinal));
    }
}
