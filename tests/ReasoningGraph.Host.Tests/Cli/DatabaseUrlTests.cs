using Npgsql;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Tests.Http;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// <c>DATABASE_URL</c> / <c>--database-url</c>: libpq's URL form with several hosts as well as Npgsql connection
/// strings; anything Npgsql would refuse is a usage error (exit 2) naming the setting, never a crash.
/// </summary>
public sealed class DatabaseUrlTests
{
    [Theory]
    [InlineData("postgres://rg:s%40cret@db1:5433,db2:5434/reasoning?target_session_attrs=read-write&sslmode=require",
        "db1:5433,db2:5434", "reasoning", "rg", "s@cret")]
    [InlineData("postgresql://db/rg", "db", "rg", null, null)]
    [InlineData("postgres://u@[::1]:5432/rg", "[::1]:5432", "rg", "u", null)]
    public void UrlForms_BecomeTheNpgsqlSettingsTheyName(string url, string host, string database, string? user, string? password)
    {
        Assert.True(PostgresConnectionString.TryConvert(url, out string connectionString, out string problem), problem);

        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal(host, settings.Host);
        Assert.Equal(database, settings.Database);
        Assert.Equal(user, settings.Username);
        Assert.Equal(password, settings.Password);
    }

    [Fact]
    public void TargetSessionAttributesAndSslMode_AreKept()
    {
        Assert.True(PostgresConnectionString.TryConvert("postgres://a,b/rg?target_session_attrs=read-write&sslmode=verify-full", out string connectionString, out _));

        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal("read-write", settings.TargetSessionAttributes);
        Assert.Equal(SslMode.VerifyFull, settings.SslMode);
    }

    [Theory]
    [InlineData("postgres://db/rg?sslmode=sometimes")]
    [InlineData("postgres://db/rg?pool=yes")]
    [InlineData("postgres:///rg")]
    [InlineData("postgres://a,,b/rg")]
    public void BadUrls_AreProblems(string url) =>
        Assert.False(PostgresConnectionString.TryConvert(url, out _, out _));

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Target Session Attributes=read-write")]
    [InlineData("postgres://db/rg?sslmode=sometimes")]
    [InlineData("Host=127.0.0.1;Port=notaport")]
    public async Task ACliGivenAnUnusableDatabase_ExitsWith2_WithoutAStackTrace(string url)
    {
        var result = await CliProcess.RunAsync(["migrate", "--database-url", url]);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoHosts_TheFirstDown_ReachTheSecond()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        var settings = new NpgsqlConnectionStringBuilder(server);
        string url = $"postgres://{settings.Username}@127.0.0.1:1,{settings.Host}:{settings.Port}/{settings.Database}?target_session_attrs=read-write";
        string schema = "rg_url_" + Guid.NewGuid().ToString("N")[..10];

        var result = await CliProcess.RunAsync(["migrate", "--database-url", url, "--schema", schema]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        await using var source = NpgsqlDataSource.Create(server);
        await using var drop = source.CreateCommand($"DROP SCHEMA \"{schema}\" CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
