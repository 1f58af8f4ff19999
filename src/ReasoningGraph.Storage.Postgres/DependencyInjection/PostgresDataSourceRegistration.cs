using Microsoft.Extensions.Options;
using Npgsql;
using ReasoningGraph.Storage.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The application's data source the store and the start-up migration use (<c>UsePostgres(Func&lt;IServiceProvider, NpgsqlDataSource&gt;)</c>); owned by the application.</summary>
internal sealed record PostgresDataSourceRegistration(NpgsqlDataSource DataSource);

/// <summary>The options' checks when the store is given a data source: every one but the connection string.</summary>
internal sealed class DataSourceOptionsValidator : IValidateOptions<PostgresStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options) =>
        PostgresStoreOptionsValidator.Check(options, requireConnectionString: false) is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
}
